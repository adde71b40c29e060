"""What happens to a built site: verified against the repository (verify), committed to a branch
(publish), previewed while the committee edits (serve), and the guards that keep these commands
off folders they would destroy."""
