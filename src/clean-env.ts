/**
 * Imported first by every entry point. A variable set to an empty string (as in a copied .env.example)
 * means "unset" to our config, but some libraries read the environment themselves at import time and
 * reject empty values (@ai-sdk/openai throws on OPENAI_BASE_URL=""). Removing empty values before any
 * library loads makes both agree.
 */
for (const [name, value] of Object.entries(process.env)) {
  if (value !== undefined && value.trim() === '') delete process.env[name];
}
