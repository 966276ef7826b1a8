// @neo4j/graphql 7 on graphql-yoga, over the graph Mission Atlas projects into Neo4j: the peer
// tests/benchmarks/api.py measures Mission Atlas against. NEO4J_URI names the server (auth
// disabled, as tests/services runs it); PORT 0 takes a free port, announced on stdout.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const driver = neo4j.driver(process.env.NEO4J_URI);
const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, graphiql: false, logging: false, maskedErrors: false });
const server = createServer(yoga);

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`READY http://127.0.0.1:${server.address().port}${yoga.graphqlEndpoint}`);
});

const stop = async () => {
  server.close();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
