"""The public API is small and deliberate."""

import eventdesk


def test_public_api_exports_exactly_the_intended_names() -> None:
    assert set(eventdesk.__all__) == {
        "Article", "Claim", "Event", "Extraction", "Figure", "Mention", "Options", "Place",
        "Story", "TimeExpr", "__version__", "load_options",
    }
    for name in eventdesk.__all__:
        assert hasattr(eventdesk, name), name
