import os

from bench import crawl, parser, store
from bench.timing import print_table

print(f"newscrawl benchmark, {os.cpu_count()} cores; each ratio is newscrawl / baseline, measured in this run\n")
print_table(parser.run() + store.run() + crawl.run())
