"""What happens to a built site: atomic swap, manifest, verification, publishing, local preview."""
