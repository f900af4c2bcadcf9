// Spanish sentences for the parser's problems and repairs, filled from the same values as the
// English ones in scan-messages.ts (which this file may import types from only: that module
// imports these tables). An AI is named by its number, "(17)": the dictionary's titles are English.
import type { RangeWhat, RepairTable, ScanProblemTable, EncodedDateField } from './scan-messages';

/** A character as an operator can read it (scan-messages.ts describeChar, in Spanish). */
function char(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 32 || code === 127) return `el carácter de control 0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
  return `"${ch}"`;
}

/** Symbology names that carry English words; the others are names in every language (Code 128, QR Code…). */
const SYMBOLOGY_ES: Readonly<Record<string, string>> = { ']E3': 'EAN/UPC con complemento', ']I1': 'ITF con dígito de control' };
const sym = (p: { readonly symbology: string; readonly symbologyId: string }) =>
  SYMBOLOGY_ES[p.symbologyId] ?? (p.symbology.startsWith('symbology ') ? `de simbología ${p.symbologyId.slice(1, 2)}` : p.symbology);

const value = (p: { readonly ai: string }) => `el valor de (${p.ai})`;

const CSET_ES = { N: 'dígitos', X: 'caracteres GS1 (CSET 82)', Y: 'caracteres GS1 (CSET 39)', Z: 'caracteres base64url' } as const;
const RANGE_ES: { readonly [W in RangeWhat]: string } = { hour: 'la hora', minute: 'el minuto', second: 'el segundo', latitude: 'la latitud', longitude: 'la longitud' };
const PATTERN_ES = { YYJJJ: 'AADDD', YYYYMMDD: 'AAAAMMDD' } as const;
const DATE_FIELD_ES: { readonly [F in EncodedDateField]: string } = { productionDate: 'la fecha de producción', bestBefore: 'la fecha de consumo preferente', expiry: 'la fecha de caducidad' };
const JSON_TYPE_ES: Readonly<Record<string, string>> = { null: 'nulo', number: 'número', boolean: 'booleano', object: 'objeto' };
const MISREAD = 'la etiqueta puede estar mal impresa o mal leída';

export const SCAN_PROBLEMS_ES: ScanProblemTable = {
  not_text: () => 'el escaneo no es texto',
  input_too_long: (p) => `el escaneo tiene ${p.length} caracteres; se aceptan como máximo ${p.max}`,
  empty_scan: () => 'el escaneo está vacío',
  no_data: (p) => `el código ${sym(p)} no traía datos`,
  not_gs1_symbology: (p) => `el código ${sym(p)} (${p.symbologyId}) indica que no lleva datos GS1, y Lotline no conoce esta etiqueta`,
  unknown_label: () => 'Lotline no conoce este tipo de etiqueta',
  gtin_check_digit: (p) => `el número ${p.number} del código ${sym(p)} no es un GTIN válido (longitud o dígito de control incorrectos)`,
  gtin_not_digits: (p) => `el número ${p.number} del código ${sym(p)} no es un GTIN válido: lleva caracteres que no son dígitos`,
  symbology_id_malformed: (p) => `el escaneo empieza por "${p.id}", que no es un identificador de simbología (se espera "]" + letra + dígito, como ]C1)`,
  symbology_id_invalid: (p) => `"${p.id}" no es un identificador de simbología ${p.family} válido; revise la configuración del escáner`,
  ai_too_short: (p) => `${value(p)} es demasiado corto: ${p.length} caracteres, necesita ${p.exact ? '' : 'al menos '}${p.min}`,
  ai_too_long: (p) => `${value(p)} es demasiado largo: ${p.length} caracteres, se permiten como máximo ${p.max}`,
  ai_value_short: (p) => `${value(p)} es demasiado corto`,
  ai_value_long: (p) => `${value(p)} es demasiado largo`,
  ai_invalid_character: (p) => `${value(p)} solo admite ${CSET_ES[p.cset]}; se encontró ${char(p.found)}`,
  date_no_month: (p) => `(${p.ai}): la fecha ${p.value} no tiene mes ${p.month}`,
  date_no_day: (p) => `(${p.ai}): la fecha ${p.value} tiene un día que no existe en su mes`,
  not_a_date: (p) => `(${p.ai}): "${p.value}" no es una fecha`,
  out_of_range: (p) => `(${p.ai}): ${RANGE_ES[p.what]} "${p.value}" está fuera de rango`,
  check_digit: (p) => `(${p.ai}): el dígito de control de ${p.value} es incorrecto; ${MISREAD}`,
  not_zero: (p) => `(${p.ai}): se esperaba 0 y se encontró ${p.value}`,
  zero_value: (p) => `(${p.ai}): aquí no se admite el valor cero`,
  not_yes_no: (p) => `(${p.ai}): se esperaba 0 o 1 y se encontró ${p.value}`,
  not_hyphen: (p) => `(${p.ai}): se esperaba "-" y se encontró "${p.value}"`,
  zero_prefix: (p) => `(${p.ai}): "${p.value}" no puede empezar por 0`,
  no_non_digit: (p) => `(${p.ai}): "${p.value}" debe contener una letra o un símbolo`,
  piece_of_total: (p) => `(${p.ai}): la pieza ${p.piece} de ${p.total} no es posible`,
  winding: (p) => `(${p.ai}): el sentido de bobinado debe ser 0, 1 o 9; se encontró ${p.value}`,
  percent_escape: (p) => `(${p.ai}): un "%" no va seguido de dos dígitos hexadecimales`,
  sex_code: (p) => `(${p.ai}): el código de sexo debe ser 0, 1, 2 o 9; se encontró ${p.value}`,
  position_in_sequence: (p) => `(${p.ai}): "${p.value}" no es una posición como 1/2`,
  iban: (p) => `(${p.ai}): "${p.value}" no es un IBAN válido`,
  importer_index: (p) => `(${p.ai}): "${p.value}" no es un índice de importador`,
  ai_incomplete: () => 'los datos terminan en medio de un identificador de aplicación',
  ai_expected: (p) => `se esperaba un identificador de aplicación GS1 (dígitos) pero se encontró ${char(p.found)}`,
  ai_unknown: (p) => `la etiqueta usa el identificador de aplicación ${p.ai}…${p.reserved ? ' (un identificador reservado)' : ''}, que GS1 no define; el resto no se puede leer`,
  gs_ambiguous: (p) => `parece faltar un separador de grupo después de (${p.ai}): los datos se leen como ${p.readingA} o como ${p.readingB}. Revise el ajuste de GS del escáner y vuelva a escanear.`,
  hri_expected_ai: () => 'se esperaba "(IA)" en el texto GS1 impreso',
  not_an_ai: (p) => `(${p.ai}) no es un identificador de aplicación GS1`,
  hri_empty: () => 'el texto GS1 impreso no contiene datos',
  hibc_expiry_invalid: (p) => `la fecha de caducidad HIBC "${p.value}" no es una fecha válida`,
  hibc_quantity_digits: (p) => `la cantidad HIBC "${p.value}" debe tener ${p.digits} dígitos`,
  hibc_date_invalid: (p) => `la fecha HIBC "${p.value}" (${PATTERN_ES[p.pattern]}) no es una fecha válida`,
  hibc_secondary_start: () => 'los datos secundarios HIBC deben empezar por $, $$, $+ o una fecha de 5 dígitos',
  hibc_field_too_long: (p) => `el ${p.field === 'lot' ? 'número de lote' : 'número de serie'} HIBC tiene más de 18 caracteres`,
  hibc_quantity_not_number: (p) => `la cantidad HIBC "${p.value}" no es un número`,
  hibc_supplementary_unknown: (p) => `"/${p.field}" no es un campo suplementario HIBC (/S, /Q, /14D, /16D)`,
  hibc_invalid_character: (p) => `los datos HIBC solo admiten A–Z, 0–9 y - . espacio $ / + %; se encontró ${char(p.found)}`,
  hibc_too_short: () => 'los datos HIBC son demasiado cortos',
  hibc_secondary_too_short: () => 'los datos secundarios HIBC son demasiado cortos',
  hibc_check_character: (p) => `el carácter de control HIBC es "${p.found}", pero los datos necesitan "${p.expected}"; ${MISREAD}`,
  hibc_primary_malformed: () => 'los datos primarios HIBC deben ser un código de etiquetador de 4 caracteres, un número de producto de hasta 18 letras o dígitos y un dígito de unidad de medida',
  envelope_header: () => 'el sobre no empieza por "[)>" y RS',
  envelope_gs_dropped: () => 'el escáner eliminó los separadores de campo (GS) de esta etiqueta de bobina, así que Lotline no puede saber dónde termina cada campo. Corrija el ajuste del escáner y vuelva a escanear.',
  envelope_format_gs: (p) => `el formato ${p.format} debe ir seguido de un separador de grupo (GS)`,
  envelope_no_di: (p) => `"${p.field}" no empieza por un identificador de datos (como 1P o Q)`,
  di_not_number: (p) => `el campo ${p.di}: la cantidad "${p.value}" no es un número`,
  di_not_date: (p) => `el campo ${p.di}: "${p.value}" no es una fecha (AAAAMMDD)`,
  envelope_format_unknown: (p) => `Lotline no lee el formato de sobre ${p.format} (solo 05 y 06)`,
  envelope_format_expected: () => 'se esperaba un número de formato de dos dígitos después de RS',
  envelope_empty: () => 'el sobre no contiene datos',
  lcsc_cut_off: () => 'los datos de la etiqueta LCSC están cortados (falta la "}" final); vuelva a escanear',
  lcsc_not_pair: (p) => `"${p.text}" no es un par clave:valor`,
  quantity_not_whole: (p) => `la cantidad "${p.value}" no es un número entero`,
  lcsc_no_part: () => 'la etiqueta LCSC no tiene número de pieza (pc:)',
  tme_not_field: (p) => `"${p.text}" no es un campo CLAVE:valor`,
  dl_malformed: () => 'esta dirección web no es un GS1 Digital Link válido',
  dl_no_key: () => 'esta dirección web no lleva ninguna clave de producto GS1 (como /01/ seguido de un GTIN)',
  dl_path_escape: (p) => `el valor después de /${p.key}/ tiene un escape % incorrecto`,
  dl_query_escape: (p) => `el valor de ${p.key}= tiene un escape % incorrecto`,
  lotline_shape: () => 'un identificador Lotline tiene la forma LL-LOT-…, LL-SLOT-…-… o LL-BADGE-…',
  lotline_lot: (p) => `"${p.value}" no es un identificador de lote Lotline válido`,
  lotline_badge: (p) => `"${p.value}" no es un identificador de credencial válido`,
  lotline_slot: (p) => `"${p.value}" no es un identificador de posición (se espera LÍNEA-POSICIÓN, como L2-F12)`,
  lotline_kind: (p) => `"LL-${p.kind}" no es un tipo de identificador Lotline (LOT, SLOT o BADGE)`,
  encode_date: (p) => `${DATE_FIELD_ES[p.field]} "${p.iso}" no se puede escribir como fecha GS1 (AAMMDD) para el año ${p.year}`,
  encode_quantity: (p) => `la cantidad ${p.quantity} no es un número entero`,
  encode_empty: () => 'no hay datos que codificar',
  encode_hri_ambiguous: (p) => `(${p.ai}) "${p.value}" contiene texto que, impreso, se lee como un IA`,
  encode_dl_no_key: () => 'un Digital Link necesita una clave primaria como (01) GTIN o (00) SSCC',
  encode_dl_not_attribute: (p) => `(${p.ai}) no puede ir en un Digital Link`,
  line_not_json: () => 'la línea de entrada no es una cadena JSON (escriba cada escaneo como una cadena JSON, p. ej. "]C1…")',
  line_not_string: (p) => `la línea de entrada es JSON de tipo ${JSON_TYPE_ES[p.type] ?? p.type}, no una cadena`,
  // The exception's text is for a developer and stays as thrown.
  parser_failure: (p) => `error interno del analizador: ${p.detail}`,
};

/** "se leyó 1 …" / "se leyeron 3 …" */
const read = (n: number) => (n === 1 ? 'se leyó 1' : `se leyeron ${n}`);
const CAPS = '(el escáner envió minúsculas, p. ej. con Bloq Mayús activado)';

export const REPAIRS_ES: RepairTable = {
  prefix_stripped: (p) => `se quitó el prefijo del escáner "${p.prefix}"`,
  suffix_stripped: (p) => `se quitó el sufijo del escáner "${p.suffix}"`,
  terminator_stripped: () => 'se quitó el Intro/Tab que el escáner envió tras la lectura',
  control_picture: (p) => `${read(p.count)} ${p.count === 1 ? 'símbolo' : 'símbolos'} ${p.name} ${p.count === 1 ? 'visible' : 'visibles'} como el carácter de control ${p.name}`,
  gs_substitute: (p) => `${read(p.count)} "${p.char}" como separador de grupo (GS), según la configuración de este escáner`,
  gs_inserted: (p) => `se supuso un separador de grupo que faltaba antes de la posición ${p.position}: es la única lectura válida`,
  header_fixed: () => 'se quitó un ">" sobrante antes del encabezado "[)>"',
  rs_inserted: () => 'se restauró el separador de registro (RS) que faltaba después de "[)>"',
  trailer_missing: (p) => `el sobre termina sin ${[p.rs ? 'su separador de registro (RS)' : '', p.eot ? 'su fin de transmisión (EOT)' : ''].filter(Boolean).join(' ni ')}; se leyó igualmente`,
  newline_joined: () => 'se unió una lectura que el escáner había partido en un salto de línea',
  case_folded: (p) => (p.what === 'lotline' ? `se leyó el identificador Lotline en mayúsculas ${CAPS}` : `se leyeron los datos HIBC en mayúsculas ${CAPS}`),
  code39_delimiters_stripped: () => 'se quitaron los "*" de inicio y fin de Code 39 que dejó pasar el escáner',
  leading_gs_stripped: () => 'se quitó un separador de grupo inicial (el escáner envió el primer FNC1 como GS)',
};
