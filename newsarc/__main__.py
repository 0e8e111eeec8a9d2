from newsarc.cli import cli

cli(prog_name="newsarc")
