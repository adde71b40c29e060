"""MkDocs hooks (the `hooks:` setting): the CSP goes into each page as MkDocs writes it, so no
second pass reads and rewrites every page of the site."""

from sunlight_gongshi.site.harden import with_csp


def on_post_page(output, page, config):
    return with_csp(output)


def on_post_template(output_content, template_name, config):
    return with_csp(output_content) if template_name.endswith(".html") else output_content
