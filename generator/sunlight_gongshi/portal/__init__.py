"""The portal over many estates: one comparison site from what each estate publishes (spec section 7)."""
