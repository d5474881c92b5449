// The engine header the bad include names.
#pragma once
#include "protocols/core/node.h"
