"""Load stage: YAML files under records/ and content/ -> frozen typed records that know their line."""
