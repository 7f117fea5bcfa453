// html-validate configuration for the pages Wijkregie serves (used by
// html.test.mjs). Everything in "html-validate:recommended" applies; each
// rule turned off or relaxed below says why.
export default {
    root: true,
    extends: ['html-validate:recommended'],
    rules: {},
};
