/** The offline model's provider name: also the key of its options in `providerOptions`. */
export const OFFLINE_PROVIDER = 'offline';
