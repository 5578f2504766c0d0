// The part of ua-parser-js 1.x the view uses (1.x ships no types; 2.x is AGPL, so 1.x, MIT).
declare module 'ua-parser-js' {
  interface Named { name?: string; version?: string }
  interface Result { ua: string; browser: Named & { major?: string }; engine: Named; os: Named; device: { model?: string; type?: string; vendor?: string } }
  export default class UAParser {
    constructor(ua?: string);
    getResult(): Result;
  }
}
