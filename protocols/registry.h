// Which node implementation runs each protocol.
#pragma once

#include "protocols/config.h"
#include "protocols/node.h"

namespace consim {

// The factory for `p`'s nodes, or nullptr if that protocol is not implemented.
NodeFactory node_factory(Protocol p);

}  // namespace consim
