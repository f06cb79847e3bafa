// A few plausible values per country; Vonage's data comes from numbering plans we do not have.
export interface CountryFacts {
  carrier: string;
  networkCode: string;
  timeZones: string[];
}

export const COUNTRY_FACTS: Readonly<Record<string, CountryFacts>> = {
  GB: { carrier: 'Vodafone Limited', networkCode: '23415', timeZones: ['Europe/London'] },
  US: { carrier: 'Verizon Wireless', networkCode: '311480', timeZones: ['America/New_York'] },
  CA: { carrier: 'Rogers Wireless', networkCode: '302720', timeZones: ['America/Toronto'] },
  ES: { carrier: 'Orange Espana, S.A. Unipersonal', networkCode: '21403', timeZones: ['Europe/Madrid'] },
  FR: { carrier: 'Orange', networkCode: '20801', timeZones: ['Europe/Paris'] },
  DE: { carrier: 'Telekom Deutschland GmbH', networkCode: '26201', timeZones: ['Europe/Berlin'] },
  IT: { carrier: 'TIM', networkCode: '22201', timeZones: ['Europe/Rome'] },
  NL: { carrier: 'KPN Mobile The Netherlands B.V.', networkCode: '20408', timeZones: ['Europe/Amsterdam'] },
  AU: { carrier: 'Telstra', networkCode: '50501', timeZones: ['Australia/Sydney'] },
  IN: { carrier: 'Reliance Jio Infocomm Ltd', networkCode: '405857', timeZones: ['Asia/Kolkata'] },
  BR: { carrier: 'Telefonica Brasil S.A. (Vivo)', networkCode: '72406', timeZones: ['America/Sao_Paulo'] },
};

// MCC 001 is the ITU test network, an honest placeholder for countries the table lacks.
export const UNKNOWN_COUNTRY_FACTS: CountryFacts = { carrier: 'Simulated Carrier', networkCode: '00101', timeZones: [] };

/** US area codes seen in Vonage's fixtures, so recorded examples come back the same. */
export const US_AREA_LOCATIONS: Readonly<Record<string, string>> = {
  '404': 'Georgia',
  '415': 'California',
  '212': 'New York',
  '312': 'Illinois',
};

export const factsFor = (country: string | undefined): CountryFacts => (country && COUNTRY_FACTS[country]) || UNKNOWN_COUNTRY_FACTS;
