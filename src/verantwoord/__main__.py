from verantwoord.cli import main

main()
