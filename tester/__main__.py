from tester.cli import main

raise SystemExit(main())
