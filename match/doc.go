// Package match reads what people type for a region or an indicator: exact
// names and codes, prefixes, typos, and the region and indicator inside a
// free-text question. It is its own package, not part of indo, because it
// matches against the domain's tables (tkpkbot.Regions and Indicators)
// rather than parsing a language format, and its normaliser is the
// allocation-free one that matching needs.
package match
