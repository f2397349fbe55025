"""Staff tools beside the flow: annotated copies of their workbooks and blank workbooks."""
