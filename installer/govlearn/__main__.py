from govlearn.cli import main

main()
