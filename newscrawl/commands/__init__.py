"""Project commands: ``scrapy crawl`` with meaningful exit codes."""
