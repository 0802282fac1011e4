from pql_scoring.demo import main

main()
