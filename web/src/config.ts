/**
 * Where the API is: config.json beside index.html, read at start, so one bundle serves every stage.
 * Locally `npm start` generates it (--static-config); deployed, README "Deploy the console" uploads it
 * with the stack's ApiUrl output.
 */
export interface ConsoleConfig {
  /** The API's base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/dev. */
  apiUrl: string;
}

export async function loadConfig(base: string = document.baseURI): Promise<ConsoleConfig> {
  const url = new URL('config.json', base);
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url.href} answered ${response.status}`);
  const config = (await response.json()) as Partial<ConsoleConfig>;
  if (typeof config.apiUrl !== 'string' || !/^https?:\/\//.test(config.apiUrl))
    throw new Error(`${url.href} has no apiUrl (an http or https URL)`);
  return { apiUrl: config.apiUrl.replace(/\/+$/, '') };
}
