/* The arena as Open Referral HSDS 3 JSON (DESIGN.md §6, open data):
 * organizations with their locations, services fully nested (languages,
 * cost options, contacts, schedules, service at locations with their
 * location), the paged lists of the HSDS API (a Page object: total_items,
 * total_pages, page_number, size, first_page, last_page, empty, contents)
 * and the whole arena in one document for `wijkregie export hsds`.
 *
 * Identifiers. Wijkregie keys rows by integers; HSDS wants UUIDs. Each row
 * gets a derived UUID of version 8 (RFC 9562 §5.8, "custom"): its first 8
 * bytes are the BLAKE2b hash (libsodium's generic hash) of
 * "wijkregie-hsds:" TABLE, with the version nibble set; the last 8 bytes
 * hold the variant bits and the row's id (62 bits, big-endian). So an id
 * always gives the same UUID -- across exports, servers and database moves
 * (the dump keeps ids) -- nothing is stored, and a UUID in a request leads
 * back to its row without a lookup table. Two installations give the same
 * UUID to their organisation 1: a consumer that merges feeds keys them by
 * publisher.
 *
 * Wijkregie fields without an HSDS field: a schedule's BYMONTH is kept in
 * the schedule's "notes" as the full RRULE; a location's CBS area code is
 * its external_identifier (type "CBS area code"); a KvK number is an
 * organization_identifier (scheme "NL-KVK"). The JSON is built with
 * jansson; the caller owns the references returned. */
#ifndef WIJK_MODEL_HSDS_H
#define WIJK_MODEL_HSDS_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/err.h"

struct arena;
struct db;

enum { HSDS_UUID_LEN = 36, HSDS_PER_PAGE_MAX = 100 };

/* The UUID of row id of table, lower-case with hyphens, into out. */
void hsds_uuid(const char *table, int64_t id, char out[static HSDS_UUID_LEN + 1]);

/* The id in uuid when it is a UUID hsds_uuid made for table; else
 * ERR_NOT_FOUND, field "id" (whether the row exists is the caller's to
 * find out). */
enum err hsds_id(const char *table, const char *uuid, int64_t *id, struct fault *f);

/* Organisation id as an HSDS organization, with its locations, phones,
 * identifiers and a "services" list of {id, name}. Errors of
 * organisation_get. *out is a new reference. */
enum err hsds_organization(struct db *db, struct arena *a, int64_t id, json_t **out,
                           struct fault *f);

/* Service id as a fully nested HSDS service (its organization without
 * services). Errors of service_detail_get. */
enum err hsds_service(struct db *db, struct arena *a, int64_t id, json_t **out, struct fault *f);

/* A Page of organizations or services (kind "organizations" or
 * "services"), page 1.., per_page 1..HSDS_PER_PAGE_MAX (else ERR_INVALID,
 * fields "page", "per_page"), optionally only those whose name holds search.
 * Each item is as hsds_organization / hsds_service give it. */
enum err hsds_page(struct db *db, struct arena *a, const char *kind, const char *search, int page,
                   int per_page, json_t **out, struct fault *f);

/* Writes the whole arena as one JSON document to out: {"version": "3.0",
 * "organizations": [...], "services": [...]}, every organization and every
 * service (in id order). *norgs and *nservices get the counts (may be NULL).
 * ERR_INTERNAL, "The export cannot be written: %s", when writing fails. */
enum err hsds_export(struct db *db, FILE *out, int *norgs, int *nservices, struct fault *f);

#endif
