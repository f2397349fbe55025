from ukmreport.cli import main

main()
