"""Every Cypher statement Mission Atlas runs, shared by the embedded store and Neo4j.

Values always travel as ``$parameters``; batches as ``UNWIND $rows AS row``. The statements
keep to the subset both dialects agree on: no map projections, no ``labels()``, and an
``ORDER BY`` inside ``WITH`` always followed by ``LIMIT`` (the embedded store requires it).
Schema statements differ by dialect and live with their adapters.

In order: writes (the catalogue, the projection), bookkeeping, reads, Neo4j's dialect and
LadybugDB's (the embedded store's).
"""

# --- writes: the catalogue (by setup) -------------------------------------------------------------

UPSERT_CAPABILITIES = """
UNWIND $rows AS row
MERGE (k:Capability {id: row.id})
SET k.label = row.label, k.definition = row.definition
"""

UPSERT_APPROACHES = """
UNWIND $rows AS row
MATCH (k:Capability {id: row.capability})
MERGE (a:Approach {id: row.id})
SET a.label = row.label, a.definition = row.definition
MERGE (a)-[:PART_OF]->(k)
"""

# --- writes: the projection (graph.writes gives each its kind and place in a batch) ---------------
# Cities, missions and administrations are MERGEd: a later event may update them. Everything
# that exactly one event brings into being (its Event node, a decision, an iteration...) is
# CREATEd: the projection position, checked and moved in the same transaction, already makes a
# batch apply once, and the key constraints would refuse a second copy rather than hide it.
# CREATE is about twice as fast as MERGE for these in the embedded store, and so are the links
# one event alone makes (a decision answering its roadblock).
# Each node is looked up in a MATCH of its own, and a second node after a WITH: the embedded
# store finds a node by its key only when it is alone in its pattern, and it plans consecutive
# MATCH clauses as one pattern. Two nodes in one pattern (or in two MATCHes with no WITH
# between), or a node reached through a relationship, it finds by scanning the whole table
# and joining, at a cost that grows with the graph: batch after batch, the projection slowed
# down as the record grew (tests/integration/test_embedded_plans.py reads the plans).

UPSERT_CITIES = """
UNWIND $rows AS row
MERGE (c:City {id: row.id})
SET c.uuid = row.uuid, c.name = row.name, c.country = row.country,
    c.wikidata_id = row.wikidata_id
"""

BEGIN_ADMINISTRATIONS = """
UNWIND $rows AS row
MATCH (c:City {id: row.city_id})
MERGE (a:Administration {id: row.id})
SET a.mayor = row.mayor, a.party = row.party, a.term_start = date(row.term_start),
    a.sort_key = row.sort_key
MERGE (c)-[:GOVERNED_BY]->(a)
"""

END_ADMINISTRATIONS = """
UNWIND $rows AS row
MATCH (a:Administration {id: row.id})
SET a.term_end = date(row.term_end), a.end_reason = row.reason
"""

UPSERT_MISSIONS = """
UNWIND $rows AS row
MATCH (c:City {id: row.city_id})
MERGE (m:Mission {id: row.id})
SET m.uuid = row.uuid, m.title = row.title, m.goal = row.goal, m.theme = row.theme,
    m.status = 'active', m.launched_on = date(row.occurred_on)
MERGE (c)-[:RUNS]->(m)
MERGE (t:Theme {id: row.theme_id})
MERGE (m)-[:ADDRESSES]->(t)
MERGE (c)-[:WORKS_ON]->(t)
"""

# Nullable numbers get statements of their own: the embedded store types a batch's field from
# its values, and a field that is null in every row would not be a number.
SET_MISSION_HORIZONS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
SET m.horizon_year = row.horizon_year
"""

# A city APPLIES every approach one of its missions uses, and WORKS_ON every theme: the
# links peers are ranked by, kept on the city so a ranking reads a few relationships
# instead of fanning out through every mission.
ADOPT_APPROACHES = """
UNWIND $rows AS row
MATCH (c:City {id: row.city_id})
WITH c, row
MATCH (m:Mission {id: row.mission_id})
WITH c, m, row
MATCH (a:Approach {id: row.approach_id})
MERGE (m)-[:USES]->(a)
MERGE (c)-[:APPLIES]->(a)
"""

CREATE_INSTRUMENTS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
WITH m, row
MATCH (a:Approach {id: row.approach_id})
CREATE (i:Instrument {id: row.id})
SET i.name = row.name, i.description = row.description, i.adopted_on = date(row.occurred_on)
CREATE (m)-[:HAS_INSTRUMENT]->(i)
CREATE (i)-[:REALISES]->(a)
"""

# An instrument's term: the last day it runs, once extended, and its end, once ended.
EXTEND_INSTRUMENTS = """
UNWIND $rows AS row
MATCH (i:Instrument {id: row.id})
SET i.runs_until = date(row.runs_until)
"""

END_INSTRUMENTS = """
UNWIND $rows AS row
MATCH (i:Instrument {id: row.id})
SET i.ended_on = date(row.occurred_on), i.end_reason = row.reason
"""

CREATE_PARTNERS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (p:Partner {id: row.id})
SET p.name = row.name, p.sector = row.sector, p.role = row.role, p.joined_on = date(row.occurred_on)
CREATE (p)-[:PARTNERS_IN]->(m)
"""

END_PARTNERSHIPS = """
UNWIND $rows AS row
MATCH (p:Partner {id: row.id})
SET p.left_on = date(row.occurred_on), p.left_reason = row.reason
"""

CREATE_DECISIONS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (d:Decision {id: row.id})
SET d.title = row.title, d.rationale = row.rationale, d.decided_by = row.decided_by,
    d.in_force_from = date(row.in_force_from), d.occurred_on = date(row.occurred_on),
    d.occurred_precision = row.occurred_precision, d.sort_key = row.sort_key,
    d.recorded_in = row.recorded_in
CREATE (m)-[:DECIDED]->(d)
"""

LINK_DECISION_ROADBLOCKS = """
UNWIND $rows AS row
MATCH (d:Decision {id: row.id})
WITH d, row
MATCH (r:Roadblock {id: row.roadblock_id})
CREATE (d)-[:ANSWERS]->(r)
"""

CREATE_ITERATIONS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (i:Iteration {id: row.id})
SET i.title = row.title, i.hypothesis = row.hypothesis, i.started_on = date(row.occurred_on),
    i.approach_id = row.approach_id, i.source = row.source, i.sort_key = row.sort_key,
    i.recorded_in = row.recorded_in
CREATE (m)-[:TRIED]->(i)
"""

CONCLUDE_ITERATIONS = """
UNWIND $rows AS row
MATCH (i:Iteration {id: row.id})
SET i.result = row.result, i.why = row.why, i.lessons = row.lessons,
    i.concluded_on = date(row.occurred_on), i.concluded_in = row.concluded_in
"""

CREATE_ROADBLOCKS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (r:Roadblock {id: row.id})
SET r.description = row.description, r.encountered_on = date(row.occurred_on),
    r.sort_key = row.sort_key, r.recorded_in = row.recorded_in
CREATE (m)-[:MET]->(r)
"""

RESOLVE_ROADBLOCKS = """
UNWIND $rows AS row
MATCH (r:Roadblock {id: row.id})
SET r.resolution = row.resolution, r.resolved_on = date(row.occurred_on),
    r.resolved_in = row.resolved_in
"""

CREATE_OUTCOMES = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (o:Outcome {id: row.id})
SET o.indicator = row.indicator, o.kind = row.kind, o.value = row.value, o.unit = row.unit,
    o.period_start = date(row.period_start),
    o.period_end = date(row.period_end), o.occurred_on = date(row.occurred_on),
    o.sort_key = row.sort_key, o.recorded_in = row.recorded_in
CREATE (m)-[:MEASURED]->(o)
"""

SET_OUTCOME_BASELINES = """
UNWIND $rows AS row
MATCH (o:Outcome {id: row.id})
SET o.baseline = row.baseline
"""

SET_OUTCOME_TARGETS = """
UNWIND $rows AS row
MATCH (o:Outcome {id: row.id})
SET o.target = row.target
"""

CREATE_SPILLOVERS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (s:Spillover {id: row.id})
SET s.description = row.description, s.beneficiaries = row.beneficiaries,
    s.occurred_on = date(row.occurred_on), s.sort_key = row.sort_key,
    s.recorded_in = row.recorded_in
CREATE (m)-[:SPILLED_OVER]->(s)
"""

SET_MISSION_STATUSES = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
SET m.status = row.status
"""

CREATE_STATUS_CHANGES = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (s:StatusChange {id: row.id})
SET s.status = row.status, s.reason = row.reason, s.occurred_on = date(row.occurred_on),
    s.sort_key = row.sort_key
CREATE (m)-[:CHANGED_STATUS]->(s)
"""

CREATE_DECISION_LESSONS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
CREATE (l:Lesson {id: row.id})
SET l.kind = 'decision', l.title = row.title, l.why = row.why,
    l.started_on = date(row.occurred_on), l.occurred_on = date(row.occurred_on),
    l.position = row.position, l.mission_id = row.mission_id, l.city_id = row.city_id,
    l.theme = row.theme, l.search_text = row.text, l.sources = [row.source],
    l.sort_key = row.sort_key, l.occurred_precision = row.occurred_precision
CREATE (m)-[:LEARNED]->(l)
"""

# The iteration's key is its mission's followed by its own (graph.projection.change.item_id):
# found by that key alone, it is the one the mission tried.
CREATE_ITERATION_LESSONS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
WITH m, row
MATCH (i:Iteration {id: row.id})
CREATE (l:Lesson {id: row.id})
SET l.kind = 'iteration', l.title = i.title, l.hypothesis = i.hypothesis, l.result = row.result,
    l.why = row.why, l.lessons = row.lessons, l.started_on = i.started_on,
    l.occurred_on = date(row.occurred_on), l.position = row.position,
    l.mission_id = row.mission_id, l.city_id = row.city_id, l.theme = row.theme,
    l.approach_id = i.approach_id,
    l.search_text = toLower(i.title + ' ' + coalesce(i.hypothesis, '')) + ' ' + row.text,
    l.sources = [i.source, row.source], l.sort_key = row.sort_key,
    l.occurred_precision = row.occurred_precision
CREATE (m)-[:LEARNED]->(l)
"""

# Corrections: a retracted event's effect is withdrawn from the graph; the event itself stays
# on the timeline, marked. Labels come from the fixed list here, never from input.
DELETE_ITEMS = {
    label: f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) DETACH DELETE n"
    for label in (
        "Partner", "Decision", "Iteration", "Roadblock", "Outcome", "Spillover", "Lesson",
        "Instrument", "StatusChange", "Administration",
    )
}  # fmt: skip

RESUME_PARTNERSHIPS = """
UNWIND $rows AS row
MATCH (p:Partner {id: row.id})
SET p.left_on = NULL, p.left_reason = NULL
"""

# Details corrected after a launch or a registration: the values that stand after it.
CORRECT_MISSION_DETAILS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.id})
SET m.title = row.title, m.goal = row.goal
"""

CORRECT_CITY_DETAILS = """
UNWIND $rows AS row
MATCH (c:City {id: row.id})
SET c.name = row.name, c.country = row.country, c.wikidata_id = row.wikidata_id
"""

# An instrument's term as it stands once an ending or extension was withdrawn.
SET_INSTRUMENT_TERMS = """
UNWIND $rows AS row
MATCH (i:Instrument {id: row.id})
SET i.runs_until = date(row.runs_until), i.ended_on = date(row.ended_on),
    i.end_reason = row.end_reason
"""

# A theme corrected: the mission, its lessons and its city move to the right one; a city works
# on the wrong theme no more unless another of its missions does, and a theme no mission
# addresses is gone (as a rebuild would leave it).
UNADDRESS_THEMES = """
UNWIND $rows AS row
MATCH (:Mission {id: row.id})-[a:ADDRESSES]->(t:Theme)
WHERE t.id <> row.theme_id
DELETE a
"""

ADDRESS_THEMES = """
UNWIND $rows AS row
MATCH (c:City)-[:RUNS]->(m:Mission {id: row.id})
SET m.theme = row.theme
MERGE (t:Theme {id: row.theme_id})
MERGE (m)-[:ADDRESSES]->(t)
MERGE (c)-[:WORKS_ON]->(t)
"""

DROP_CITY_THEMES = """
UNWIND $rows AS row
MATCH (c:City {id: row.city_id})-[w:WORKS_ON]->(t:Theme)
WHERE NOT EXISTS { MATCH (c)-[:RUNS]->(:Mission)-[:ADDRESSES]->(t) }
DELETE w
"""

DROP_UNADDRESSED_THEMES = """
UNWIND $rows AS row
MATCH (t:Theme)
WHERE NOT EXISTS { MATCH (:Mission)-[:ADDRESSES]->(t) }
DETACH DELETE t
"""

RETHEME_LESSONS = """
UNWIND $rows AS row
MATCH (l:Lesson {mission_id: row.id})
SET l.theme = row.theme
"""

REOPEN_ADMINISTRATIONS = """
UNWIND $rows AS row
MATCH (a:Administration {id: row.id})
SET a.term_end = NULL, a.end_reason = NULL
"""

# An adoption withdrawn, and no other adoption keeps the approach: the mission no longer uses
# it, and its city no longer applies it unless another of its missions uses it.
DROP_MISSION_APPROACHES = """
UNWIND $rows AS row
MATCH (:Mission {id: row.mission_id})-[u:USES]->(:Approach {id: row.approach_id})
DELETE u
"""

DROP_CITY_APPROACHES = """
UNWIND $rows AS row
MATCH (c:City {id: row.city_id})-[x:APPLIES]->(a:Approach {id: row.approach_id})
WHERE NOT EXISTS { MATCH (c)-[:RUNS]->(:Mission)-[:USES]->(a) }
DELETE x
"""

REOPEN_ITERATIONS = """
UNWIND $rows AS row
MATCH (i:Iteration {id: row.id})
SET i.result = NULL, i.why = NULL, i.lessons = NULL, i.concluded_on = NULL,
    i.concluded_in = NULL
"""

REOPEN_ROADBLOCKS = """
UNWIND $rows AS row
MATCH (r:Roadblock {id: row.id})
SET r.resolution = NULL, r.resolved_on = NULL, r.resolved_in = NULL
"""

MARK_RETRACTED_EVENTS = """
UNWIND $rows AS row
MATCH (e:Event {id: row.id})
SET e.retracted_by = row.retracted_by, e.retraction_reason = row.reason,
    e.superseded_by = row.superseded_by
"""

SET_CITY_VERSIONS = """
UNWIND $rows AS row
MATCH (c:City {id: row.id})
SET c.version = row.version
"""

SET_MISSION_VERSIONS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.id})
SET m.version = row.version
"""

CREATE_CITY_EVENTS = """
UNWIND $rows AS row
MATCH (c:City {id: row.owner_id})
CREATE (e:Event {id: row.id})
SET e.kind = row.kind, e.position = row.position, e.occurred_on = date(row.occurred_on),
    e.recorded_at = row.recorded_at, e.recorded_by = row.recorded_by, e.source = row.source,
    e.summary = row.summary, e.city_id = row.city_id, e.owner_id = row.owner_id,
    e.version = row.version, e.occurred_precision = row.occurred_precision
CREATE (c)-[:RECORDED]->(e)
"""

CREATE_MISSION_EVENTS = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.owner_id})
CREATE (e:Event {id: row.id})
SET e.kind = row.kind, e.position = row.position, e.occurred_on = date(row.occurred_on),
    e.recorded_at = row.recorded_at, e.recorded_by = row.recorded_by, e.source = row.source,
    e.summary = row.summary, e.city_id = row.city_id, e.owner_id = row.owner_id,
    e.version = row.version, e.occurred_precision = row.occurred_precision
CREATE (m)-[:RECORDED]->(e)
"""

# --- bookkeeping: the projection's position, owners' ids, verification, clearing ------------------

GET_POSITION = """
MATCH (p:Projection {name: $name})
RETURN p.position AS position
"""

SET_POSITION = """
MERGE (p:Projection {name: $name})
SET p.position = $position
"""

MISSION_IDS_BY_UUID = """
UNWIND $uuids AS uuid
MATCH (c:City)-[:RUNS]->(m:Mission {uuid: uuid})
RETURN m.uuid AS uuid, m.id AS id, c.id AS city_id, m.theme AS theme
"""

CITY_IDS_BY_UUID = """
UNWIND $uuids AS uuid
MATCH (c:City {uuid: uuid})
RETURN c.uuid AS uuid, c.id AS id, c.id AS city_id, NULL AS theme
"""

# For verification. The label comes from graph.model, never from input.
NODE_IDS = "MATCH (n:{label}) RETURN n.id AS id"

EVENT_KINDS = """
MATCH (e:Event)
RETURN e.kind AS kind, count(e) AS n
"""

DELETE_EVERYTHING = """
MATCH (n)
DETACH DELETE n
"""

# --- reads (graph.reads): cities, missions, timelines, peers --------------------------------------

CITIES = """
MATCH (c:City)
RETURN c.id AS id, c.name AS name, c.country AS country, c.wikidata_id AS wikidata_id,
       c.version AS version
ORDER BY c.name, c.id
"""

CITIES_BY_ID = """
UNWIND $ids AS city_id
MATCH (c:City {id: city_id})
RETURN c.id AS id, c.name AS name, c.country AS country, c.wikidata_id AS wikidata_id,
       c.version AS version
"""

# Cities with their administrations in one round trip, for a request that asks for both; the
# lists come unordered (sorted by sort_key by the reader), and a city without any holds one
# all-null entry.
CITIES_WITH_ADMINISTRATIONS = """
MATCH (c:City)
OPTIONAL MATCH (c)-[:GOVERNED_BY]->(a:Administration)
WITH c, collect({id: a.id, mayor: a.mayor, party: a.party, term_start: a.term_start,
                 term_end: a.term_end, sort_key: a.sort_key}) AS administrations
RETURN c.id AS id, c.name AS name, c.country AS country, c.wikidata_id AS wikidata_id,
       c.version AS version, administrations
ORDER BY c.name, c.id
"""

MISSIONS_BY_CITY = """
UNWIND $ids AS city_id
MATCH (:City {id: city_id})-[:RUNS]->(m:Mission)
RETURN city_id AS key, m.id AS id, m.title AS title, m.goal AS goal, m.theme AS theme,
       m.horizon_year AS horizon_year, m.status AS status, m.launched_on AS launched_on,
       m.version AS version,
       city_id AS city_id
ORDER BY m.title, m.id
"""

MISSIONS_BY_ID = """
UNWIND $ids AS mission_id
MATCH (c:City)-[:RUNS]->(m:Mission {id: mission_id})
RETURN m.id AS id, m.title AS title, m.goal AS goal, m.theme AS theme,
       m.horizon_year AS horizon_year, m.status AS status, m.launched_on AS launched_on,
       m.version AS version,
       c.id AS city_id
"""

ADMINISTRATIONS_BY_CITY = """
UNWIND $ids AS city_id
MATCH (:City {id: city_id})-[:GOVERNED_BY]->(a:Administration)
RETURN city_id AS key, a.id AS id, city_id AS city_id, a.mayor AS mayor, a.party AS party,
       a.term_start AS term_start, a.term_end AS term_end
ORDER BY a.sort_key
"""

APPROACHES_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:USES]->(a:Approach)-[:PART_OF]->(k:Capability)
RETURN mission_id AS key, a.id AS id, a.label AS label, a.definition AS definition,
       k.id AS capability_id, k.label AS capability_label
ORDER BY a.label
"""

INSTRUMENTS_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:HAS_INSTRUMENT]->(i:Instrument)-[:REALISES]->(a:Approach)
RETURN mission_id AS key, i.id AS id, i.name AS name, i.description AS description,
       a.id AS approach_id, i.runs_until AS runs_until, i.ended_on AS ended_on,
       i.end_reason AS end_reason
ORDER BY i.name
"""

PARTNERS_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (p:Partner)-[:PARTNERS_IN]->(:Mission {id: mission_id})
RETURN mission_id AS key, p.id AS id, p.name AS name, p.sector AS sector, p.role AS role,
       p.left_on AS left_on, p.left_reason AS left_reason
ORDER BY p.name
"""

TIMELINE_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:RECORDED]->(e:Event)
RETURN mission_id AS key, e.id AS id, e.kind AS kind, e.position AS position,
       e.city_id AS city_id, e.occurred_on AS occurred_on, e.recorded_at AS recorded_at,
       e.recorded_by AS recorded_by, e.source AS source, e.summary AS summary,
       e.retracted_by AS retracted_by, e.retraction_reason AS retraction_reason,
       e.superseded_by AS superseded_by, e.occurred_precision AS occurred_precision
ORDER BY e.position
"""

# The events items name as the ones that recorded them (recorded_in, concluded_in...).
EVENTS_BY_ID = """
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})
RETURN e.id AS id, e.kind AS kind, e.position AS position, e.city_id AS city_id,
       e.occurred_on AS occurred_on, e.recorded_at AS recorded_at,
       e.recorded_by AS recorded_by, e.source AS source, e.summary AS summary,
       e.retracted_by AS retracted_by, e.retraction_reason AS retraction_reason,
       e.superseded_by AS superseded_by, e.occurred_precision AS occurred_precision
"""

EVENT_POSITIONS = """
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})
RETURN e.id AS id, e.position AS position
"""

# One round trip, one row per peer city and kind of link, with the ids it shares and the
# peer's own fields, so that showing the peer needs no second query. Capabilities
# count only when reached through different approaches: a shared approach counts already.
PEERS = """
MATCH (c:City {id: $city_id})-[:APPLIES]->(a:Approach)<-[:APPLIES]-(p:City)
WHERE p.id <> c.id
RETURN 'approaches' AS kind, p.id AS city_id, collect(DISTINCT a.id) AS ids,
       p.name AS name, p.country AS country, p.wikidata_id AS wikidata_id,
       p.version AS version
UNION ALL
MATCH (c:City {id: $city_id})-[:WORKS_ON]->(t:Theme)<-[:WORKS_ON]-(p:City)
WHERE p.id <> c.id
RETURN 'themes' AS kind, p.id AS city_id, collect(DISTINCT t.id) AS ids,
       p.name AS name, p.country AS country, p.wikidata_id AS wikidata_id,
       p.version AS version
UNION ALL
MATCH (c:City {id: $city_id})-[:APPLIES]->(a:Approach)-[:PART_OF]->(k:Capability)
      <-[:PART_OF]-(b:Approach)<-[:APPLIES]-(p:City)
WHERE p.id <> c.id AND a.id <> b.id
RETURN 'capabilities' AS kind, p.id AS city_id, collect(DISTINCT k.id) AS ids,
       p.name AS name, p.country AS country, p.wikidata_id AS wikidata_id,
       p.version AS version
"""

# --- reads for the learning API (lessons, approaches, transitions, mission detail) -------------

OUTCOMES_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:MEASURED]->(o:Outcome)
RETURN mission_id AS key, o.id AS id, o.indicator AS indicator, o.kind AS kind,
       o.value AS value, o.unit AS unit, o.baseline AS baseline, o.target AS target,
       o.period_start AS period_start, o.period_end AS period_end, o.occurred_on AS occurred_on,
       o.recorded_in AS recorded_in
ORDER BY o.sort_key
"""

SPILLOVERS_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:SPILLED_OVER]->(s:Spillover)
RETURN mission_id AS key, s.id AS id, s.description AS description,
       s.beneficiaries AS beneficiaries, s.occurred_on AS occurred_on,
       s.recorded_in AS recorded_in
ORDER BY s.sort_key
"""

DECISIONS_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:DECIDED]->(d:Decision)
OPTIONAL MATCH (d)-[:ANSWERS]->(r:Roadblock)
RETURN mission_id AS key, d.id AS id, d.title AS title, d.rationale AS rationale,
       r.id AS answers_roadblock_id,
       d.decided_by AS decided_by, d.in_force_from AS in_force_from, d.occurred_on AS occurred_on,
       d.occurred_precision AS occurred_precision, d.recorded_in AS recorded_in
ORDER BY d.sort_key
"""

ITERATIONS_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:TRIED]->(i:Iteration)
RETURN mission_id AS key, i.id AS id, i.title AS title, i.hypothesis AS hypothesis,
       i.result AS result, i.why AS why, i.lessons AS lessons, i.started_on AS started_on,
       i.concluded_on AS concluded_on, i.approach_id AS approach_id,
       i.recorded_in AS recorded_in, i.concluded_in AS concluded_in
ORDER BY i.sort_key
"""

ROADBLOCKS_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:MET]->(r:Roadblock)
RETURN mission_id AS key, r.id AS id, r.description AS description,
       r.encountered_on AS encountered_on, r.resolution AS resolution,
       r.resolved_on AS resolved_on, r.recorded_in AS recorded_in, r.resolved_in AS resolved_in
ORDER BY r.sort_key
"""

STATUS_CHANGES_BY_MISSION = """
UNWIND $ids AS mission_id
MATCH (:Mission {id: mission_id})-[:CHANGED_STATUS]->(s:StatusChange)
RETURN mission_id AS key, s.id AS id, s.status AS status, s.reason AS reason,
       s.occurred_on AS occurred_on
ORDER BY s.sort_key
"""

ADMINISTRATIONS_BY_ID = """
UNWIND $ids AS administration_id
MATCH (c:City)-[:GOVERNED_BY]->(a:Administration {id: administration_id})
RETURN a.id AS id, c.id AS city_id, a.mayor AS mayor, a.party AS party,
       a.term_start AS term_start, a.term_end AS term_end
"""

# Lessons are filtered by whichever of these conditions a request gives; the query is built
# from this allow-list by graph.reads.lessons, values always as parameters.
# Newest first means by the real-world date, then by recording position for ties and for
# undated lessons (which sort before every dated one): both folded into one text key when
# projecting (graph.projection.change.chronological_key). Starting from Lesson with a
# condition on that key lets Neo4j read the newest first from its index instead of sorting.
LESSONS_MATCH = "MATCH (l:Lesson)\nWHERE l.sort_key IS NOT NULL"
LESSON_CONDITIONS = {
    "city_id": "l.city_id = $city_id",
    "theme": "toLower(l.theme) = $theme",
    "result": "l.result = $result",
    "occurred_from": "l.occurred_on >= date($occurred_from)",
    "occurred_to": "l.occurred_on <= date($occurred_to)",
    "text": "l.search_text CONTAINS $text",
    "approach_id": (
        "(l.approach_id = $approach_id OR EXISTS "
        "{ MATCH (:Mission {id: l.mission_id})-[:USES]->(:Approach {id: $approach_id}) })"
    ),
    "before": "l.sort_key < $before",
}


# The page is chosen by key first, and only its lessons are read whole: the embedded store
# otherwise reads every returned property of every lesson that passes the filters before
# keeping the newest, a cost that grew with the record (a third of the query at 50k events).
def _lessons_return(
    day: str = "{}",
    chosen: str = "l.sort_key AS key",
    newest: tuple[str, str] = ("key DESC", "sort_key DESC"),
) -> str:
    """The page of lessons, each date read through ``day`` (as stored, or as Neo4j's text):
    the newest by ``newest[0]`` of the ``chosen`` values of the lessons that pass the filters,
    returned in the same order, ``newest[1]`` in the names the page's columns have."""
    started, occurred = day.format("lesson.started_on"), day.format("lesson.occurred_on")
    return f"""
WITH l.id AS lesson_id, {chosen}
ORDER BY {newest[0]}
LIMIT $limit
MATCH (lesson:Lesson {{id: lesson_id}})
RETURN lesson.id AS id, lesson.kind AS kind, lesson.title AS title,
       lesson.hypothesis AS hypothesis, lesson.result AS result, lesson.why AS why,
       lesson.lessons AS lessons, {started} AS started_on,
       {occurred} AS occurred_on, lesson.position AS position,
       lesson.mission_id AS mission_id, lesson.city_id AS city_id,
       lesson.approach_id AS approach_id, lesson.sources AS sources,
       lesson.sort_key AS sort_key, lesson.occurred_precision AS occurred_precision
ORDER BY {newest[1]}
"""


LESSONS_RETURN = _lessons_return()

APPROACH_MISSIONS = """
UNWIND $ids AS approach_id
MATCH (c:City)-[:RUNS]->(m:Mission)-[:USES]->(:Approach {id: approach_id})
RETURN approach_id AS key, m.id AS id, c.id AS city_id
ORDER BY m.id
"""

# The city-level APPLIES links the projector keeps answer this directly, without going
# through every mission that uses the approach.
# One row per approach with its cities collected, not one per approach and city: the driver
# builds a record per row, and the rows, not the reading, were most of this question's time.
# (The reader sorts them: LadybugDB takes no ORDER BY before a collect without a LIMIT.)
CITIES_BY_APPROACH = """
UNWIND $ids AS approach_id
MATCH (c:City)-[:APPLIES]->(:Approach {id: approach_id})
RETURN approach_id AS key,
       collect({id: c.id, name: c.name, country: c.country, wikidata_id: c.wikidata_id,
                version: c.version}) AS cities
"""

# An iteration names the approach it tests (approach_id) instead of linking to it. A link into
# one of the catalogue's few approaches cost the embedded store more with every link the
# approach already had: 100 new links took 4 ms on a 10,000-event graph, 219 ms on a
# 200,000-event one.
APPROACH_ITERATION_RESULTS = """
MATCH (i:Iteration)
WHERE i.approach_id IN $ids
RETURN i.approach_id AS key, i.result AS result, count(i) AS n
"""

APPROACH_OUTCOMES = """
UNWIND $ids AS approach_id
MATCH (:Approach {id: approach_id})<-[:USES]-(:Mission)-[:MEASURED]->(o:Outcome)
RETURN approach_id AS key, o.indicator AS indicator, o.kind AS kind, count(o) AS n
ORDER BY n DESC, indicator
"""

APPROACH_ROADBLOCKS = """
UNWIND $ids AS approach_id
MATCH (:Approach {id: approach_id})<-[:USES]-(:Mission)-[:MET]->(r:Roadblock)
RETURN approach_id AS key, count(r) AS met, count(r.resolution) AS resolved
"""


# Transitions: everything about one city's missions that a change of mayor may touch.
# Each mission of a city with its dated status changes, decisions and roadblocks, in one
# round trip; the lists come unordered, and a mission without any holds one all-null entry.
def _mission_histories(day: str) -> str:
    """Each mission of a city with its histories, each date read through ``day``: as stored,
    or as Neo4j's text."""
    status_day, launched = day.format("s.occurred_on"), day.format("m.launched_on")
    in_force, decided = day.format("d.in_force_from"), day.format("d.occurred_on")
    met, resolved = day.format("r.encountered_on"), day.format("r.resolved_on")
    return f"""
MATCH (:City {{id: $city_id}})-[:RUNS]->(m:Mission)
OPTIONAL MATCH (m)-[:CHANGED_STATUS]->(s:StatusChange)
WHERE s.occurred_on IS NOT NULL
WITH m, collect({{status: s.status, reason: s.reason, occurred_on: {status_day},
                sort_key: s.sort_key}}) AS status
OPTIONAL MATCH (m)-[:DECIDED]->(d:Decision)
WHERE d.occurred_on IS NOT NULL
WITH m, status,
     collect({{id: d.id, title: d.title, rationale: d.rationale, decided_by: d.decided_by,
              in_force_from: {in_force}, occurred_on: {decided},
              occurred_precision: d.occurred_precision, sort_key: d.sort_key,
              recorded_in: d.recorded_in}}) AS decisions
OPTIONAL MATCH (m)-[:MET]->(r:Roadblock)
WHERE r.encountered_on IS NOT NULL
WITH m, status, decisions,
     collect({{id: r.id, description: r.description, encountered_on: {met},
              resolution: r.resolution, resolved_on: {resolved},
              sort_key: r.sort_key, recorded_in: r.recorded_in,
              resolved_in: r.resolved_in}}) AS roadblocks
RETURN m.id AS id, m.title AS title, {launched} AS launched_on, status, decisions,
       roadblocks
ORDER BY id
"""


CITY_MISSION_HISTORIES = _mission_histories("{}")

CITY_ADMINISTRATIONS = """
MATCH (:City {id: $city_id})-[:GOVERNED_BY]->(a:Administration)
RETURN a.id AS id, a.mayor AS mayor, a.party AS party, a.term_start AS term_start,
       a.term_end AS term_end
ORDER BY a.sort_key
"""

# --- nested lists read with their parents --------------------------------------------------------

# A city's missions with the lists a request selects below them, each collected per mission in
# the same read: graph.reads.missions puts the query together from these parts, taking
# MISSION_LISTS in their order. Each list has the fields of its per-mission read (the
# *_BY_MISSION query named beside it) and its sort key; it comes unordered (the reader sorts:
# LadybugDB takes no ORDER BY before a collect without a LIMIT), and an empty one holds one
# all-null entry.
MISSIONS_WITH_LISTS_BY_CITY = """
UNWIND $ids AS city_id
MATCH (:City {id: city_id})-[:RUNS]->(m:Mission)
"""

# The same with the city's own fields on every row (city_name...), for a request that asks for
# one city and its missions: a city without missions has one row, its mission fields null.
CITY_WITH_MISSIONS = """
UNWIND $ids AS city_id
MATCH (c:City {id: city_id})
OPTIONAL MATCH (c)-[:RUNS]->(m:Mission)
"""
CITY_FIELDS = (
    ", c.name AS city_name, c.country AS city_country, c.wikidata_id AS city_wikidata_id, "
    "c.version AS city_version"
)

MISSION_LISTS = {
    "approaches": (  # APPROACHES_BY_MISSION
        "OPTIONAL MATCH (m)-[:USES]->(a:Approach)-[:PART_OF]->(k:Capability)",
        "collect({id: a.id, label: a.label, definition: a.definition, capability_id: k.id, "
        "capability_label: k.label, sort_key: a.label})",
    ),
    "decisions": (  # DECISIONS_BY_MISSION
        "OPTIONAL MATCH (m)-[:DECIDED]->(d:Decision)\nOPTIONAL MATCH (d)-[:ANSWERS]->(r:Roadblock)",
        "collect({id: d.id, title: d.title, rationale: d.rationale, "
        "answers_roadblock_id: r.id, decided_by: d.decided_by, in_force_from: d.in_force_from, "
        "occurred_on: d.occurred_on, occurred_precision: d.occurred_precision, "
        "recorded_in: d.recorded_in, sort_key: d.sort_key})",
    ),
    "iterations": (  # ITERATIONS_BY_MISSION
        "OPTIONAL MATCH (m)-[:TRIED]->(i:Iteration)",
        "collect({id: i.id, title: i.title, hypothesis: i.hypothesis, result: i.result, "
        "why: i.why, lessons: i.lessons, started_on: i.started_on, "
        "concluded_on: i.concluded_on, approach_id: i.approach_id, recorded_in: i.recorded_in, "
        "concluded_in: i.concluded_in, sort_key: i.sort_key})",
    ),
    "roadblocks": (  # ROADBLOCKS_BY_MISSION
        "OPTIONAL MATCH (m)-[:MET]->(b:Roadblock)",
        "collect({id: b.id, description: b.description, encountered_on: b.encountered_on, "
        "resolution: b.resolution, resolved_on: b.resolved_on, recorded_in: b.recorded_in, "
        "resolved_in: b.resolved_in, sort_key: b.sort_key})",
    ),
}

# The fields of MISSIONS_BY_CITY, then the city's (CITY_FIELDS or none), then the lists
# collected ({lists}: ", decisions, ...").
MISSIONS_WITH_LISTS_RETURN = """
RETURN city_id AS key, m.id AS id, m.title AS title, m.goal AS goal, m.theme AS theme,
       m.horizon_year AS horizon_year, m.status AS status, m.launched_on AS launched_on,
       m.version AS version, city_id AS city_id{city}{lists}
ORDER BY m.title, m.id
"""

# --- Neo4j dialect ----------------------------------------------------------------------------
# Schema statements are built from graph.model; labels and properties come only from there.

NEO4J_KEY_CONSTRAINT = (
    "CREATE CONSTRAINT {label}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
)

NEO4J_PROPERTY_INDEX = "CREATE INDEX {label}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"

# Taken first in every batch: the write lock on the projection's node makes concurrent
# projectors (an API process and the projector service) take turns instead of racing.
NEO4J_LOCK_PROJECTION = """
MERGE (p:Projection {name: $name})
SET p.position = coalesce(p.position, 0)
"""

# A turn (GraphStore.turn), merged in a transaction that is never committed: the uniqueness
# constraint on Projection names makes another transaction merging the same name wait until
# this one ends, while the node itself, never committed, is seen by no one (clearing the
# graph during the turn does not wait on it). The holder's process ending ends the turn.
NEO4J_TAKE_TURN = """
MERGE (p:Projection {name: $name})
"""

# Deleting a large graph in one transaction would hold it all in memory. Relationships go
# first, in batches of their own: detaching a hub (an approach used by thousands of missions)
# inside a batch of nodes would delete all its relationships in that one transaction, and
# overrun Neo4j's transaction memory pool on a large record.
NEO4J_DELETE_IN_BATCHES = (
    """
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
""",
    """
MATCH (n)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
""",
)

# Reads whose dates come back as ISO text. The driver builds every date in Python, field by
# field, and then the store converts it to the standard library's: on a read of thousands
# (every city with its administrations) that was more than half of the driver's decoding
# time. graph.reads parses the text (date.fromisoformat, in C) into the same dates. LadybugDB
# has no function of the same name, so these are Neo4j's alone.
#
# Reads of nested lists come as one record: the whole answer collected, each row a list of
# values in the order of the row its reader makes (graph.reads), each list ordered by Neo4j
# before it is collected. The driver decodes each record as a Bolt message of its own and
# each collected map with its keys; for every city with its administrations, a hundred
# records of six hundred maps took 2.5 times the CPU of one record of lists, and a third more
# time (issue 12). An empty list is empty, not one all-null entry: each is collected by a
# subquery of its own, which aggregates to one row even when its MATCH finds nothing.
NEO4J_CITIES_WITH_ADMINISTRATIONS = """
MATCH (c:City)
WITH c ORDER BY c.name, c.id
CALL (c) {
  MATCH (c)-[:GOVERNED_BY]->(a:Administration)
  WITH a ORDER BY a.sort_key
  RETURN collect([a.id, a.mayor, a.party, toString(a.term_start), toString(a.term_end)])
         AS administrations
}
RETURN collect([c.id, c.name, c.country, c.wikidata_id, c.version, administrations]) AS cities
"""

NEO4J_LESSONS_RETURN = _lessons_return("toString({})")

# A city's missions with their whole histories, for its transitions: thousands of dates at
# 200,000 events, each built field by field by the driver and converted again by the store.
NEO4J_CITY_MISSION_HISTORIES = _mission_histories("toString({})")

# The cities of each approach (CITIES_BY_APPROACH), by id, each city the values of
# graph.reads.cities.CityRow.
NEO4J_CITIES_BY_APPROACH = """
UNWIND $ids AS approach_id
CALL (approach_id) {
  MATCH (c:City)-[:APPLIES]->(:Approach {id: approach_id})
  WITH c ORDER BY c.id
  RETURN collect([c.id, c.name, c.country, c.wikidata_id, c.version]) AS cities
}
RETURN collect([approach_id, cities]) AS approaches
"""

# A city's missions with their lists (MISSIONS_WITH_LISTS_BY_CITY and MISSION_LISTS), one
# record per city: the city's fields and its missions, by title, each mission the values of
# graph.reads.missions.MissionRow (without city_id), then its lists in MISSION_LISTS' order
# ({calls}: the subqueries of NEO4J_MISSION_LISTS, {lists}: ", decisions, ..."). A city
# that is not there has no record; one without missions, an empty list.
NEO4J_CITY_MISSIONS_WITH_LISTS = """
UNWIND $ids AS city_id
MATCH (c:City {{id: city_id}})
CALL (c) {{
  MATCH (c)-[:RUNS]->(m:Mission)
  WITH m ORDER BY m.title, m.id
{calls}
  RETURN collect([m.id, m.title, m.goal, m.theme, m.horizon_year, m.status,
                  toString(m.launched_on), m.version{lists}]) AS missions
}}
RETURN city_id AS key, c.name AS city_name, c.country AS city_country,
       c.wikidata_id AS city_wikidata_id, c.version AS city_version, missions
"""

# Each list as its per-mission read orders it (the *_BY_MISSION query named beside it), each
# item the values of its row in graph.reads.learning (a mission's approaches: their ids).
NEO4J_MISSION_LISTS = {
    "approaches": """
  CALL (m) {
    MATCH (m)-[:USES]->(a:Approach)-[:PART_OF]->(:Capability)
    WITH a ORDER BY a.label
    RETURN collect(a.id) AS approaches
  }""",  # APPROACHES_BY_MISSION
    "decisions": """
  CALL (m) {
    MATCH (m)-[:DECIDED]->(d:Decision)
    OPTIONAL MATCH (d)-[:ANSWERS]->(r:Roadblock)
    WITH d, r ORDER BY d.sort_key
    RETURN collect([d.id, d.title, d.rationale, d.decided_by, toString(d.in_force_from),
                    toString(d.occurred_on), d.occurred_precision, r.id, d.recorded_in])
           AS decisions
  }""",  # DECISIONS_BY_MISSION
    "iterations": """
  CALL (m) {
    MATCH (m)-[:TRIED]->(i:Iteration)
    WITH i ORDER BY i.sort_key
    RETURN collect([i.id, i.title, i.hypothesis, i.result, i.why, i.lessons,
                    toString(i.started_on), toString(i.concluded_on), i.approach_id,
                    i.recorded_in, i.concluded_in]) AS iterations
  }""",  # ITERATIONS_BY_MISSION
    "roadblocks": """
  CALL (m) {
    MATCH (m)-[:MET]->(b:Roadblock)
    WITH b ORDER BY b.sort_key
    RETURN collect([b.id, b.description, toString(b.encountered_on), b.resolution,
                    toString(b.resolved_on), b.recorded_in, b.resolved_in]) AS roadblocks
  }""",  # ROADBLOCKS_BY_MISSION
}

# --- LadybugDB dialect (the embedded store) ---------------------------------------------------

# LadybugDB has no index to serve the lessons' filters or their order: it reads every lesson,
# and every property the statement names for each of them, before it filters (no late reads:
# naming one more property costs its read on every lesson). Text costs it several times what
# numbers do: at 200,000 events (80,000 lessons) reading sort_key took 8.6 ms of CPU, the
# day and the position it is made of 3.7 ms together. So it orders by those two, undated
# lessons last as their key's zeros put them, which is sort_key's order
# (graph.projection.change.chronological_key); and it has none of Neo4j's condition on the
# key, which is there to make Neo4j read its index and would make LadybugDB read the key.
LADYBUG_LESSONS_MATCH = "MATCH (l:Lesson)\nWHERE true"
LADYBUG_LESSONS_RETURN = _lessons_return(
    chosen="l.occurred_on AS day, l.position AS position",
    newest=(
        "day IS NULL, day DESC, position DESC",
        "occurred_on IS NULL, occurred_on DESC, position DESC",
    ),
)
