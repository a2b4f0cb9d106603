"""Two tiers of error. Programming errors raise as usual. Bad content (an unreadable file, an empty
article, a broken JSONL line) becomes an InputProblem (see models.py): reported with file and line,
counted, and the run goes on. The exceptions here are for problems a user can fix; their messages say
how."""


class StrifeError(Exception):
    """A problem the user can fix; the CLI prints the message without a traceback."""


class SettingsError(StrifeError):
    pass


class ModelNotFound(StrifeError):
    pass


class StoreError(StrifeError):
    pass
