;; The prefilter hot loop (see prefilter.ts and prefilter-wasm.ts). Build: wat2wasm prefilter.wat
;; (wabt), then paste the base64 of the output into prefilter-wasm.ts; prefilter.test.ts checks it.
(module
  (memory (export "mem") 1)
  ;; Symbol table at [0,256): (symbol << 2) | runBreak. Delta entries are absolute byte addresses of
  ;; the next state's row (negated when that state ends a keyword); the root row starts at $root.
  (func (export "scan") (param $input i32) (param $n i32) (param $root i32) (param $hits i32) (param $hitCap i32)
        (param $runs i32) (param $runCap i32) (param $minRun i32) (result i32)
    (local $i i32) (local $s i32) (local $x i32) (local $hc i32) (local $rc i32) (local $from i32) (local $end i32)
    (local.set $end (i32.add (local.get $input) (local.get $n)))
    (local.set $i (local.get $input))
    (local.set $from (local.get $input))
    (local.set $s (local.get $root))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $x (i32.load8_u (i32.load8_u (local.get $i))))
        (local.set $s (i32.load (i32.add (local.get $s) (i32.and (local.get $x) (i32.const 252)))))
        (if (i32.lt_s (local.get $s) (i32.const 0))
          (then
            (local.set $s (i32.sub (i32.const 0) (local.get $s)))
            (if (i32.ge_u (local.get $hc) (local.get $hitCap))
              (then (local.set $end (local.get $i)) (br $done)))
            (i32.store (i32.add (local.get $hits) (i32.shl (local.get $hc) (i32.const 3))) (local.get $s))
            (i32.store offset=4 (i32.add (local.get $hits) (i32.shl (local.get $hc) (i32.const 3)))
                       (i32.sub (i32.add (local.get $i) (i32.const 1)) (local.get $input)))
            (local.set $hc (i32.add (local.get $hc) (i32.const 1)))))
        ;; Branch-free run tracking: record only when a break ends a long enough run (rare).
        (if (i32.and (i32.and (local.get $x) (i32.const 1))
                     (i32.ge_s (i32.sub (local.get $i) (local.get $from)) (local.get $minRun)))
          (then
            (if (i32.lt_u (local.get $rc) (local.get $runCap))
              (then
                (i32.store (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $from) (local.get $input)))
                (i32.store offset=4 (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $i) (local.get $input)))
                (local.set $rc (i32.add (local.get $rc) (i32.const 1)))))))
        (local.set $from (select (i32.add (local.get $i) (i32.const 1)) (local.get $from) (i32.and (local.get $x) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.ge_s (i32.sub (local.get $end) (local.get $from)) (local.get $minRun))
      (then
        (if (i32.lt_u (local.get $rc) (local.get $runCap))
          (then
            (i32.store (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $from) (local.get $input)))
            (i32.store offset=4 (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $end) (local.get $input)))
            (local.set $rc (i32.add (local.get $rc) (i32.const 1)))))))
    (i32.store (i32.sub (local.get $runs) (i32.const 4)) (local.get $rc))
    (local.get $hc))
)
