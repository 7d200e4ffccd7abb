#!/usr/bin/env python
from civicdesk.cli import main

if __name__ == "__main__":
    main()
