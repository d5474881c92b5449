// A node interface header that reaches into the engine: the include check must refuse it.
#pragma once
#include "sim/engine.h"
