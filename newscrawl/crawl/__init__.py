"""What surrounds the spider in a crawl and is not the spider's: the run context, first."""
