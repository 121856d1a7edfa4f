/**
 * The image reference grammar of distribution/reference, written as regular expression
 * sources and the anchored expressions built from them.
 *
 *   reference            := name [ ":" tag ] [ "@" digest ]
 *   name                 := [domain-and-port "/"] remote-name
 *   domain-and-port      := host [ ":" port-number ]
 *   host                 := domain-name | "[" ipv6-chars "]"
 *   domain-name          := domain-component ( "." domain-component )*
 *   domain-component     := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *   remote-name          := path-component ( "/" path-component )*
 *   path-component       := alphanumeric ( separator alphanumeric )*
 *   alphanumeric         := /[a-z0-9]+/
 *   separator            := /[_.]|__|[-]+/
 *   tag                  := /[\w][\w.-]{0,127}/
 *   digest               := algorithm ":" /[0-9a-fA-F]{32,}/
 *   algorithm            := algo-component ( /[-_+.]/ algo-component )*
 *   algo-component       := a letter, then letters or digits
 *
 * The sources use no flags and no lookaround, so they behave the same in JavaScript as in
 * Go's RE2 for every input the grammar talks about (ASCII; `\w` is `[0-9A-Za-z_]` in both).
 */

/** One lowercase run of a path component. */
export const ALPHANUMERIC = '[a-z0-9]+';

/** What may stand between two alphanumeric runs of a path component. */
export const SEPARATOR = '(?:[._]|__|[-]+)';

/** One label of a registry host name; uppercase is allowed here. */
export const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';

/** A dotted host name made of domain components. */
export const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;

/** A bracketed IPv6 address; zones (`%eth0`) and embedded IPv4 are not accepted. */
export const IPV6_ADDRESS = '\\[(?:[a-fA-F0-9:]+)\\]';

/** A host: a domain name or a bracketed IPv6 address. */
export const HOST = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})`;

/** An optional `:port` (any number of digits, as upstream). */
export const OPTIONAL_PORT = '(?::[0-9]+)?';

/** Host with an optional port: the registry part of a name. */
export const DOMAIN_AND_PORT = `${HOST}${OPTIONAL_PORT}`;

/** One slash-free component of a repository path. */
export const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;

/** A repository path: path components joined by `/`. */
export const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;

/** A full name: optional `domain/` then the repository path. */
export const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;

/** A tag: a word character, then up to 127 word characters, dots or dashes. */
export const TAG = '[\\w][\\w.-]{0,127}';

/** A digest as the reference grammar accepts it (length is checked later). */
export const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';

/** A 64-character lowercase hex image ID. */
export const IDENTIFIER = '[a-f0-9]{64}';

/** Matches exactly a registry host with optional port. */
export const ANCHORED_DOMAIN_AND_PORT = new RegExp(`^${DOMAIN_AND_PORT}$`);

/** Matches exactly a name; groups: 1 = domain (or undefined), 2 = path. */
export const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);

/** Matches exactly a reference; groups: 1 = name, 2 = tag, 3 = digest. */
export const ANCHORED_REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** Matches exactly a tag. */
export const ANCHORED_TAG = new RegExp(`^${TAG}$`);

/** Matches exactly a digest in the reference grammar's loose form. */
export const ANCHORED_DIGEST = new RegExp(`^${DIGEST}$`);

/** Matches exactly a 64-character lowercase hex image ID. */
export const ANCHORED_IDENTIFIER = new RegExp(`^${IDENTIFIER}$`);
