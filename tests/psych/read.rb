# Reads a JSON array of YAML texts on stdin and prints, for each, how Jekyll 4.3.1 (Debian)
# loads it: `Psych.safe_load(text, permitted_classes: [Date, Time], aliases: true)`, as
# `Jekyll::Utils.safe_load_yaml`. Values are tagged so that types survive JSON:
# {"str":…} {"int":"…"} {"float":"…"} {"bool":…} {"null":null} {"time":"…"} {"date":"…"}
# {"seq":[…]} {"map":[[k,v],…]}; a failure is {"error":{"class","message","line","column"}}.
require "json"
require "psych"
require "date"

def tagged(v)
  case v
  when nil then { "null" => nil }
  when true, false then { "bool" => v }
  when Integer then { "int" => v.to_s }
  when Float
    { "float" => v.nan? ? "nan" : (v.infinite? ? (v > 0 ? "inf" : "-inf") : v.to_s) }
  when String
    { "str" => v.dup.force_encoding("UTF-8").valid_encoding? ? v : v.bytes.map { |b| format("\\x%02x", b) }.join }
  when Time then { "time" => v.utc.strftime("%Y-%m-%dT%H:%M:%S.%NZ") }
  when Date then { "date" => v.strftime("%Y-%m-%d") }
  when Array then { "seq" => v.map { |x| tagged(x) } }
  when Hash then { "map" => v.map { |k, x| [tagged(k), tagged(x)] } }
  else { "other" => v.class.name }
  end
end

docs = JSON.parse($stdin.read)
out = docs.map do |text|
  begin
    { "ok" => tagged(Psych.safe_load(text, permitted_classes: [Date, Time], aliases: true)) }
  rescue Psych::SyntaxError => e
    { "error" => { "class" => "Psych::SyntaxError", "message" => e.problem.to_s + (e.context ? " " + e.context : ""),
                   "line" => e.line, "column" => e.column } }
  rescue StandardError => e
    { "error" => { "class" => e.class.name, "message" => e.message } }
  end
end
puts JSON.generate(out)
