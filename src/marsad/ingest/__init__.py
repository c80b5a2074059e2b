"""Input adapters: bytes from files, feeds, crawls and JSONL to Documents or typed rejections."""
