// html-validate configuration for the pages Wijkregie serves (used by
// html.test.mjs through helpers.mjs). Every rule of
// "html-validate:recommended" applies: the pages pass it as they are, so no
// rule is turned off. If one ever has to be, turn it off here for a reason
// written next to it, never for a whole page.
export default {
    root: true,
    extends: ['html-validate:recommended'],
    rules: {},
};
