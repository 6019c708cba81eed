"""newscrawl: a Scrapy crawler for Indonesian news, starting with Tempo.co."""
