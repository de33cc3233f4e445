/**
 * Country names people type, English and Dutch, with their ISO 3166-1 alpha-2 code (what Graph's
 * signIn.location.countryOrRegion holds). Lower case; a leading article is allowed by the parser.
 */
export const countryCodes: Record<string, string> = {
  netherlands: 'NL', holland: 'NL', nederland: 'NL', belgium: 'BE', 'belgië': 'BE', belgie: 'BE', germany: 'DE', duitsland: 'DE',
  france: 'FR', frankrijk: 'FR', spain: 'ES', spanje: 'ES', portugal: 'PT', italy: 'IT', 'italië': 'IT', italie: 'IT',
  'united kingdom': 'GB', uk: 'GB', england: 'GB', 'great britain': 'GB', 'verenigd koninkrijk': 'GB', engeland: 'GB',
  ireland: 'IE', ierland: 'IE', 'united states': 'US', usa: 'US', us: 'US', america: 'US', amerika: 'US', 'verenigde staten': 'US',
  canada: 'CA', mexico: 'MX', brazil: 'BR', 'brazilië': 'BR', brazilie: 'BR', nigeria: 'NG', 'south africa': 'ZA', 'zuid-afrika': 'ZA',
  egypt: 'EG', 'egypte': 'EG', kenya: 'KE', kenia: 'KE', russia: 'RU', rusland: 'RU', ukraine: 'UA', 'oekraïne': 'UA', oekraine: 'UA',
  poland: 'PL', polen: 'PL', sweden: 'SE', zweden: 'SE', norway: 'NO', noorwegen: 'NO', denmark: 'DK', denemarken: 'DK',
  finland: 'FI', switzerland: 'CH', zwitserland: 'CH', austria: 'AT', oostenrijk: 'AT', turkey: 'TR', turkije: 'TR',
  china: 'CN', japan: 'JP', india: 'IN', singapore: 'SG', australia: 'AU', 'australië': 'AU', australie: 'AU',
  'new zealand': 'NZ', 'nieuw-zeeland': 'NZ', 'north korea': 'KP', 'noord-korea': 'KP', iran: 'IR', vietnam: 'VN',
  indonesia: 'ID', 'indonesië': 'ID', philippines: 'PH', filipijnen: 'PH', romania: 'RO', 'roemenië': 'RO', luxembourg: 'LU',
  luxemburg: 'LU', morocco: 'MA', marokko: 'MA', suriname: 'SR', greece: 'GR', griekenland: 'GR', czechia: 'CZ', 'czech republic': 'CZ',
  tsjechië: 'CZ', hungary: 'HU', hongarije: 'HU', israel: 'IL', 'israël': 'IL', 'saudi arabia': 'SA', 'saoedi-arabië': 'SA',
  'united arab emirates': 'AE', uae: 'AE', 'verenigde arabische emiraten': 'AE', argentina: 'AR', 'argentinië': 'AR', chile: 'CL',
  chili: 'CL', colombia: 'CO', 'south korea': 'KR', 'zuid-korea': 'KR', korea: 'KR', taiwan: 'TW', thailand: 'TH', pakistan: 'PK',
  bangladesh: 'BD', ghana: 'GH',
  // Regions: recognised (never a name), but no single code — the answer says it cannot narrow to them.
  europe: '', europa: '', eu: '', asia: '', 'azië': '', azie: '', africa: '', afrika: '', 'south america': '', 'zuid-amerika': '',
  'north america': '', 'noord-amerika': '', 'latin america': '', 'middle east': '', 'midden-oosten': '',
};
