;; The prefilter hot loops (see prefilter.ts and prefilter-wasm.ts). Build: wat2wasm prefilter.wat
;; (wabt), then paste the base64 of the output into prefilter-wasm.ts; prefilter.test.ts checks it.
(module
  (memory (export "mem") 1)
;; Keyword search. Symbol table at [0,256): symbol << 2. Delta entries are absolute byte addresses
  ;; of the next state's row (negated when that state ends a keyword); the root row starts at $root.
  ;; Four DFA walks run interleaved, one per quarter of the input (each walk's table loads form one
  ;; dependency chain, so four chains keep the CPU busy): walk k covers [k n/4, (k+1) n/4), first
  ;; warmed up over the $overlap bytes before its quarter without recording (any keyword ending in
  ;; its quarter starts there or later). $n must be a multiple of 4. Walk k stores (state address,
  ;; end offset) hits in the area at $hits + k $areaBytes (at most $hitCap, but keeps counting) and
  ;; its count at 4 bytes before that area.
  (func $warm (param $s i32) (param $p i32) (param $to i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $to)))
        (local.set $s (i32.load (i32.add (local.get $s) (i32.load8_u (i32.load8_u (local.get $p))))))
        (if (i32.lt_s (local.get $s) (i32.const 0)) (then (local.set $s (i32.sub (i32.const 0) (local.get $s)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (local.get $s))
  (func $record (param $area i32) (param $count i32) (param $cap i32) (param $state i32) (param $end i32) (result i32)
    (if (i32.lt_u (local.get $count) (local.get $cap))
      (then
        (i32.store (i32.add (local.get $area) (i32.shl (local.get $count) (i32.const 3))) (local.get $state))
        (i32.store offset=4 (i32.add (local.get $area) (i32.shl (local.get $count) (i32.const 3))) (local.get $end))))
    (i32.add (local.get $count) (i32.const 1)))
  (func (export "scan") (param $input i32) (param $n i32) (param $root i32) (param $hits i32) (param $areaBytes i32)
        (param $hitCap i32) (param $overlap i32)
    (local $q i32) (local $i i32) (local $p0 i32) (local $s0 i32) (local $c0 i32) (local $a0 i32) (local $p1 i32) (local $s1 i32) (local $c1 i32) (local $a1 i32) (local $p2 i32) (local $s2 i32) (local $c2 i32) (local $a2 i32) (local $p3 i32) (local $s3 i32) (local $c3 i32) (local $a3 i32)
    (local.set $q (i32.shr_u (local.get $n) (i32.const 2)))
    (local.set $p0 (i32.add (local.get $input) (i32.mul (local.get $q) (i32.const 0))))
    (local.set $a0 (i32.add (local.get $hits) (i32.mul (local.get $areaBytes) (i32.const 0))))
    (local.set $s0 (local.get $root))
    (local.set $p1 (i32.add (local.get $input) (i32.mul (local.get $q) (i32.const 1))))
    (local.set $a1 (i32.add (local.get $hits) (i32.mul (local.get $areaBytes) (i32.const 1))))
    (local.set $s1 (call $warm (local.get $root) (select (local.get $input) (i32.sub (local.get $p1) (local.get $overlap)) (i32.lt_s (i32.sub (local.get $p1) (local.get $overlap)) (local.get $input))) (local.get $p1)))
    (local.set $p2 (i32.add (local.get $input) (i32.mul (local.get $q) (i32.const 2))))
    (local.set $a2 (i32.add (local.get $hits) (i32.mul (local.get $areaBytes) (i32.const 2))))
    (local.set $s2 (call $warm (local.get $root) (select (local.get $input) (i32.sub (local.get $p2) (local.get $overlap)) (i32.lt_s (i32.sub (local.get $p2) (local.get $overlap)) (local.get $input))) (local.get $p2)))
    (local.set $p3 (i32.add (local.get $input) (i32.mul (local.get $q) (i32.const 3))))
    (local.set $a3 (i32.add (local.get $hits) (i32.mul (local.get $areaBytes) (i32.const 3))))
    (local.set $s3 (call $warm (local.get $root) (select (local.get $input) (i32.sub (local.get $p3) (local.get $overlap)) (i32.lt_s (i32.sub (local.get $p3) (local.get $overlap)) (local.get $input))) (local.get $p3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $q)))
        (local.set $s0 (i32.load (i32.add (local.get $s0) (i32.load8_u (i32.load8_u (i32.add (local.get $p0) (local.get $i)))))))
        (local.set $s1 (i32.load (i32.add (local.get $s1) (i32.load8_u (i32.load8_u (i32.add (local.get $p1) (local.get $i)))))))
        (local.set $s2 (i32.load (i32.add (local.get $s2) (i32.load8_u (i32.load8_u (i32.add (local.get $p2) (local.get $i)))))))
        (local.set $s3 (i32.load (i32.add (local.get $s3) (i32.load8_u (i32.load8_u (i32.add (local.get $p3) (local.get $i)))))))
        (if (i32.lt_s (i32.or (i32.or (local.get $s0) (local.get $s1)) (i32.or (local.get $s2) (local.get $s3))) (i32.const 0))
          (then
            (if (i32.lt_s (local.get $s0) (i32.const 0))
              (then
                (local.set $s0 (i32.sub (i32.const 0) (local.get $s0)))
                (local.set $c0 (call $record (local.get $a0) (local.get $c0) (local.get $hitCap) (local.get $s0)
                  (i32.sub (i32.add (i32.add (local.get $p0) (local.get $i)) (i32.const 1)) (local.get $input))))))
            (if (i32.lt_s (local.get $s1) (i32.const 0))
              (then
                (local.set $s1 (i32.sub (i32.const 0) (local.get $s1)))
                (local.set $c1 (call $record (local.get $a1) (local.get $c1) (local.get $hitCap) (local.get $s1)
                  (i32.sub (i32.add (i32.add (local.get $p1) (local.get $i)) (i32.const 1)) (local.get $input))))))
            (if (i32.lt_s (local.get $s2) (i32.const 0))
              (then
                (local.set $s2 (i32.sub (i32.const 0) (local.get $s2)))
                (local.set $c2 (call $record (local.get $a2) (local.get $c2) (local.get $hitCap) (local.get $s2)
                  (i32.sub (i32.add (i32.add (local.get $p2) (local.get $i)) (i32.const 1)) (local.get $input))))))
            (if (i32.lt_s (local.get $s3) (i32.const 0))
              (then
                (local.set $s3 (i32.sub (i32.const 0) (local.get $s3)))
                (local.set $c3 (call $record (local.get $a3) (local.get $c3) (local.get $hitCap) (local.get $s3)
                  (i32.sub (i32.add (i32.add (local.get $p3) (local.get $i)) (i32.const 1)) (local.get $input))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.sub (local.get $a0) (i32.const 4)) (local.get $c0))
    (i32.store (i32.sub (local.get $a1) (i32.const 4)) (local.get $c1))
    (i32.store (i32.sub (local.get $a2) (i32.const 4)) (local.get $c2))
    (i32.store (i32.sub (local.get $a3) (i32.const 4)) (local.get $c3)))

  ;; Runs of base64-alphabet bytes ([A-Za-z0-9+/]) at least $minRun long, 16 bytes at a time: a
  ;; SIMD class test gives a 16-bit mask of the bytes that break a run.
  ;; $input must be 16-byte aligned, and the bytes from $n up to the next multiple of 16 zero.
  ;; Stores (start, end) pairs (at most $runCap) and returns their count.
  (func (export "runs") (param $input i32) (param $n i32) (param $runs i32) (param $runCap i32) (param $minRun i32) (result i32)
    (local $p i32) (local $end i32) (local $from i32) (local $rc i32) (local $v v128) (local $breaks i32) (local $at i32)
    (local.set $end (i32.add (local.get $input) (local.get $n)))
    (local.set $p (local.get $input))
    (local.set $from (local.get $input))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $breaks (i32.xor (i32.const 0xffff) (i8x16.bitmask
          (v128.or
            (v128.or
              (i8x16.lt_u (i8x16.sub (v128.or (local.get $v) (i8x16.splat (i32.const 0x20))) (i8x16.splat (i32.const 0x61))) (i8x16.splat (i32.const 26)))
              (i8x16.lt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x30))) (i8x16.splat (i32.const 10))))
            (v128.or
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2b)))
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2f))))))))
        ;; Only the first break can end a long run and only the last can start one: runs between
        ;; two breaks of one chunk are at most 14 bytes, and $minRun is at least 15.
        (if (local.get $breaks)
          (then
            (local.set $at (i32.add (local.get $p) (i32.ctz (local.get $breaks))))
            (if (i32.ge_s (i32.sub (local.get $at) (local.get $from)) (local.get $minRun))
              (then
                (if (i32.lt_u (local.get $rc) (local.get $runCap))
                  (then
                    (i32.store (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $from) (local.get $input)))
                    (i32.store offset=4 (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $at) (local.get $input)))
                    (local.set $rc (i32.add (local.get $rc) (i32.const 1)))))))
            (local.set $from (i32.sub (i32.add (local.get $p) (i32.const 32)) (i32.clz (local.get $breaks))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    ;; A run reaching the end (when n is a multiple of 16; otherwise the zero padding ended it).
    (if (i32.ge_s (i32.sub (local.get $end) (local.get $from)) (local.get $minRun))
      (then
        (if (i32.lt_u (local.get $rc) (local.get $runCap))
          (then
            (i32.store (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $from) (local.get $input)))
            (i32.store offset=4 (i32.add (local.get $runs) (i32.shl (local.get $rc) (i32.const 3))) (i32.sub (local.get $end) (local.get $input)))
            (local.set $rc (i32.add (local.get $rc) (i32.const 1)))))))
    (local.get $rc))
)
