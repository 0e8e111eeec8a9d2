from newsarc.fast import main

main()
