"""Where inputs come from: files, JSON Lines records and WARC records, each made a Document."""
