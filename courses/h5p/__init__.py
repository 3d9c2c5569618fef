"""H5P packages: safe import (validation.py, importer.py), the lesson block and player
(blocks.py), and xAPI statements into progress (xapi.py)."""
