"""Machine-translation providers for tests: one that answers, one that fails."""

from community.translation import MachineTranslationProvider


class BracketProvider(MachineTranslationProvider):
    name = "bracket"
    calls = []

    def translate(self, text, source_language, target_language):
        BracketProvider.calls.append((text, source_language, target_language))
        return f"[{target_language}] {text} <script>window.__xss=1</script>"


class BrokenProvider(MachineTranslationProvider):
    name = "broken"

    def translate(self, text, source_language, target_language):
        raise ConnectionError("the service is down")
