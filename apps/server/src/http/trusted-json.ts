/**
 * Route option for a large response the server builds itself (the progress matrix: ~30 000 cells, 1,3 MB): written
 * with JSON.stringify instead of being parsed by its zod schema first. The schema still documents the route
 * (OpenAPI) and the route's API test parses real responses with it; at this size the parse alone costs 40–80 ms per
 * request (bench/matrix.bench.ts). Everything else keeps the validating serializer of app.ts.
 */
export const trustedJsonResponse = {
  serializerCompiler: () => (data: unknown) => JSON.stringify(data),
} as const;
