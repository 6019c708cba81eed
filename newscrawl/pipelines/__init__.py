"""Item pipelines, in ``ITEM_PIPELINES`` order: validate → fingerprint → deduplicate → store.

Each handles ``CrawledArticle`` items and passes any other item through untouched.
"""

from newscrawl.pipelines.dedupe import DeduplicatePipeline
from newscrawl.pipelines.fingerprint import FingerprintPipeline
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.validate import ValidatePipeline

__all__ = ["DeduplicatePipeline", "FingerprintPipeline", "StorePipeline", "ValidatePipeline"]
