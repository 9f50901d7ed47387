// Placeholder: the search helper provides the real search.js.
