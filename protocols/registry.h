// Which node implementation runs each protocol.
#pragma once

#include "protocols/core/config.h"
#include "protocols/core/node.h"

namespace consim {

// The factory for `p`'s nodes, or nullptr if that protocol is not implemented.
NodeFactory node_factory(Protocol p);

}  // namespace consim
