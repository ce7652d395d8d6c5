/**
 * The longest address handed to a server. Common servers take 8 kB request lines, some
 * proxies and hosts less; every link the schema can make fits (src/url/linkLength.test.ts),
 * but a long sub-path or a future parameter could push one past it.
 */
export const MAX_SERVER_URL = 4096;
