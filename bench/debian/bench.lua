-- bench/debian/bench.lua — the Lua workload bench/run gives Debian's lua5.4:
-- ROUNDS rounds (argv[1]) of table fills, sorts, string formatting and
-- pattern matching, closures and a little recursion. Uses its own integer
-- generator (math.random is seeded from the clock) and prints one total.
local rounds = tonumber(arg[1]) or 100

local state = 12345
local function next_random()
    state = state * 6364136223846793005 + 1442695040888963407 -- wraps at 64 bits
    return state >> 33
end

local function fib(k)
    if k < 2 then return k end
    return fib(k - 1) + fib(k - 2)
end

local total = 0
for _ = 1, rounds do
    local values = {}
    for i = 1, 1000 do values[i] = next_random() % 100000 end
    table.sort(values)
    local parts = {}
    for i = 1, 200 do parts[#parts + 1] = string.format("%d:%x", i, values[i * 5]) end
    local text = table.concat(parts, ",")
    local fields = 0
    for _ in text:gmatch("%d+:") do fields = fields + 1 end
    local counters = {}
    for i = 1, 100 do
        local seen = 0
        counters[i] = function(step) seen = seen + step; return seen end
    end
    for i = 1, 100 do total = total + counters[i](i) + counters[i](1) end
    total = total + values[500] + #text + fields + fib(12)
end
print(string.format("lua: %d rounds, total %d", rounds, total))
