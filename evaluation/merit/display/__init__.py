"""What the merit evaluation's pages show, shaped from what `evaluation.merit.selectors` reads:
`member` for the commission member's screens, `chair` for the chair's (views stay thin)."""
