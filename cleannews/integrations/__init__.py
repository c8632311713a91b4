"""Steps for other tools' pipelines; each module needs its own extra (``cleannews[NAME]``)."""
