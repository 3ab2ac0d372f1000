"""Pure domain rules: identifiers, names, masking, validity and certificate states. No I/O, no Qt."""
