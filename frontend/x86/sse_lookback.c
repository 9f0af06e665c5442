/* frontend/x86/sse_lookback.c — what the IR already emitted for this block
 * says about an xmm lane or a memory operand, so the SSE generators need
 * not ask the CPU state or the guest again:
 *
 *   - the value a lane holds, from the last st_env (or ld_env) of the same
 *     bytes: a lane written as i64 by a move and read as f64 by mulsd is
 *     then one bitcast, not a store and a reload of another type (the
 *     optimizer forwards only within one type);
 *   - whether an address is certainly 16-byte aligned: a constant, or one
 *     that an alignment check passed earlier proved aligned (that same
 *     address or one 16*k bytes away: movaps [rdx]; movaps [rdx+0x10]);
 *   - the value at an address an earlier load read or a store wrote, with
 *     no store that may touch it, fence or helper call since (movdqa xmm5,
 *     [rdi]; ... pminub xmm5, [rdi]; or movsd [r12], xmm1; movupd xmm0,
 *     [r12]). Accesses off the same base expression at constant distances
 *     are known apart; any other store ends the search.
 *
 * All walk back from the end of the block along the one way control came:
 *
 *     brcond c, L  ──taken──► ...st_env, exit       (an instruction's check)
 *       │ not taken
 *     L:  ◄── the walk steps from L straight to the brcond, where c held
 *
 * A label that is not such a side exit (control may merge there), a
 * helper or op that writes guest state the walk cannot see, and the start
 * of the block end the walk; so does LOOKBACK_LIMIT, which bounds the
 * translation time one lookup costs. Two addresses are the same when
 * their expressions match op for op and no env slot they read has been
 * written since (so they still hold at the end of the block).
 */
#include "frontend/x86/sse.h"

enum {
    LOOKBACK_LIMIT = 256,  /* ops one walk visits at most */
    DEF_LIMIT = 64,        /* ops back a temp's definition is looked for */
    SCAN_LIMIT = 1024,     /* ops a scan for writes or branches covers at most */
    ADDR_DEPTH = 4,        /* levels of an address expression compared */
};

/* ---- the way back ------------------------------------------------------ */

static bool is_exit_path_op(const IrInsn *in)
{
    return in->op == IR_OP_const || in->op == IR_OP_st_env || in->op == IR_OP_exit;
}

/* Label at `at` is the end of a side exit: an exit right above it, only
 * constants and stores between that exit and the one branch to it. The
 * index of that brcond, or -1 (also when the block is too long to be
 * sure no other branch goes there). */
static int64_t side_exit_branch(const IrBlock *b, int64_t at)
{
    IrLabel label = (IrLabel)b->insns[at].imm;
    if (at == 0 || b->insns[at - 1].op != IR_OP_exit || b->ninsns > SCAN_LIMIT)
        return -1;
    int64_t br = at - 1;
    while (br >= 0 && is_exit_path_op(&b->insns[br]))
        br--;
    if (br < 0 || b->insns[br].op != IR_OP_brcond || (IrLabel)b->insns[br].imm != label)
        return -1;
    for (uint32_t i = 0; i < b->ninsns; i++) {
        const IrInsn *in = &b->insns[i];
        if (i != br && (ir_op_info[in->op].flags & IR_F_BRANCH) && (IrLabel)in->imm == label)
            return -1;
    }
    return br;
}

/* The op control ran before op `i` on its way here, or -1 (unknown).
 * *taken: that op is a brcond whose branch was taken. */
static int64_t step_back(const IrBlock *b, int64_t i, bool *taken)
{
    *taken = false;
    if (i <= 0)
        return -1;
    if (b->insns[i - 1].op != IR_OP_label)
        return i - 1;
    *taken = true;
    return side_exit_branch(b, i - 1);
}

/* Ops that change guest state other than through a visible st_env. */
static bool writes_env_unseen(const IrInsn *in)
{
    if (in->op == IR_OP_call)
        return (in->helper->flags & IR_HELPER_WRITES_ENV) != 0;
    return in->op != IR_OP_st_env && (ir_op_info[in->op].flags & IR_F_ENV_WRITE);
}

static bool overlaps(uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
    return a < b + bn && b < a + an;
}

static uint32_t type_size(IrType type)
{
    return ir_type_bits(type) / 8;
}

/* The index of the op that defines temp t, searching down from `from`
 * (DEF_LIMIT ops at most), or -1. */
static int64_t def_of(const IrBlock *b, int64_t from, IrTemp t)
{
    for (int64_t i = from; i >= 0 && i > from - DEF_LIMIT; i--) {
        if (b->insns[i].def[0] == t || b->insns[i].def[1] == t)
            return i;
    }
    return -1;
}

/* Is t defined again after op `at` (or is that too far to tell)? */
static bool redefined_after(const IrBlock *b, int64_t at, IrTemp t)
{
    if (b->ninsns - at > SCAN_LIMIT)
        return true;
    for (uint32_t i = (uint32_t)at + 1; i < b->ninsns; i++) {
        if (b->insns[i].def[0] == t || b->insns[i].def[1] == t)
            return true;
    }
    return false;
}

/* Walk back from the end of the block, asking `visit` about each op on
 * the way: FOUND ends the walk with success, STOP without. */
typedef enum { GO_ON, FOUND, STOP } Verdict;
typedef Verdict Visitor(const IrBlock *b, int64_t i, bool taken, void *arg);

static bool walk_back(const IrBlock *b, Visitor *visit, void *arg)
{
    bool taken;
    int64_t i = b->ninsns;
    for (unsigned n = 0; n < LOOKBACK_LIMIT && (i = step_back(b, i, &taken)) >= 0; n++) {
        Verdict v = visit(b, i, taken, arg);
        if (v != GO_ON)
            return v == FOUND;
    }
    return false;
}

/* ---- lanes ------------------------------------------------------------- */

/* v (seen at op `at`) as `type`: the value it was bitcast from, if that
 * has this type (a float moved by movaps and used again as a float),
 * else a bitcast. */
static IrTemp as_type(IrBlock *b, int64_t at, IrTemp v, IrType type)
{
    int64_t d = def_of(b, at, v);
    if (d >= 0 && b->insns[d].op == IR_OP_bitcast) {
        IrTemp src = b->insns[d].use[0];
        if (ir_temp_type(b, src) == type && !redefined_after(b, d, src))
            return src;
    }
    return ir_bitcast(b, type, v);
}

typedef struct LaneQuery {
    uint32_t off, size;
    int64_t at;  /* where the value was found */
    IrTemp found;
} LaneQuery;

/* The last st_env or ld_env of the lane's bytes, exactly those bytes. */
static Verdict find_lane(const IrBlock *b, int64_t i, bool taken, void *arg)
{
    LaneQuery *q = arg;
    const IrInsn *in = &b->insns[i];
    (void)taken;
    if (writes_env_unseen(in))
        return STOP;
    if (in->op != IR_OP_st_env && in->op != IR_OP_ld_env)
        return GO_ON;
    uint32_t at = (uint32_t)in->imm, at_size = type_size((IrType)in->type);
    if (!overlaps(at, at_size, q->off, q->size))
        return GO_ON;
    IrTemp v = in->op == IR_OP_st_env ? in->use[0] : in->def[0];
    if (at != q->off || at_size != q->size || redefined_after(b, i, v))
        return STOP;
    q->at = i;
    q->found = v;
    return FOUND;
}

IrTemp x86_sse_known_lane(X86Ctx *ctx, uint32_t off, IrType type)
{
    IrBlock *b = ctx->ir;
    LaneQuery q = {.off = off, .size = type_size(type)};
    if (!walk_back(b, find_lane, &q))
        return 0;
    return ir_temp_type(b, q.found) == type ? q.found : as_type(b, q.at, q.found, type);
}

/* ---- aligned addresses ------------------------------------------------- */

/* An address as x + disp, disp a constant. */
typedef struct AddrParts {
    IrTemp x;        /* 0: the address is the constant disp */
    int64_t at;      /* index of x's definition */
    uint64_t disp;
} AddrParts;

static bool const_value(const IrBlock *b, int64_t from, IrTemp t, uint64_t *v)
{
    int64_t at = def_of(b, from, t);
    if (at < 0 || b->insns[at].op != IR_OP_const)
        return false;
    *v = (uint64_t)b->insns[at].imm;
    return true;
}

static AddrParts addr_parts(const IrBlock *b, int64_t from, IrTemp addr)
{
    AddrParts p = {.x = addr, .at = def_of(b, from, addr)};
    if (p.at < 0)
        return p;
    const IrInsn *in = &b->insns[p.at];
    if (in->op == IR_OP_const)
        return (AddrParts){.disp = (uint64_t)in->imm};
    if (in->op == IR_OP_add && const_value(b, p.at, in->use[1], &p.disp)) {
        p.x = in->use[0];
        p.at = def_of(b, p.at, p.x);
    }
    return p;
}

/* No op from `from` on to the end of the block writes the env slot that
 * ld_env `ld` reads (false too when that is too far to tell). */
static bool slot_kept(const IrBlock *b, int64_t from, const IrInsn *ld)
{
    uint32_t off = (uint32_t)ld->imm, size = type_size((IrType)ld->type);
    if (b->ninsns - from > SCAN_LIMIT)
        return false;
    for (uint32_t i = (uint32_t)from + 1; i < b->ninsns; i++) {
        const IrInsn *in = &b->insns[i];
        if (writes_env_unseen(in) ||
            (in->op == IR_OP_st_env && overlaps((uint32_t)in->imm, type_size((IrType)in->type), off, size)))
            return false;
    }
    return true;
}

/* Do the expressions defined at a and c have the same value, here at the
 * end of the block? Their env reads must see slots nobody wrote since. */
static bool same_value(const IrBlock *b, int64_t a, int64_t c, unsigned depth)
{
    if (a < 0 || c < 0)
        return false;
    if (a == c)
        return true;
    if (depth == 0)
        return false;
    const IrInsn *x = &b->insns[a], *y = &b->insns[c];
    if (x->op != y->op || x->type != y->type || x->aux != y->aux || x->imm != y->imm)
        return false;
    if (x->op == IR_OP_ld_env)
        return slot_kept(b, a < c ? a : c, x);
    if (ir_op_info[x->op].flags & (IR_F_SIDE | IR_F_ENV_READ | IR_F_MEMOP | IR_F_CALL))
        return false;
    for (unsigned k = 0; k < ir_op_info[x->op].nuse; k++) {
        if (!same_value(b, def_of(b, a, x->use[k]), def_of(b, c, y->use[k]), depth - 1))
            return false;
    }
    return true;
}

/* brcond eq (and y, 15), 0 taken: y is 16-byte aligned. Does that make
 * p aligned? */
static bool check_proves(const IrBlock *b, int64_t br, const AddrParts *p)
{
    const IrInsn *in = &b->insns[br];
    uint64_t zero, mask;
    if ((IrCond)in->aux != IR_EQ || !const_value(b, br, in->use[1], &zero) || zero != 0)
        return false;
    int64_t low = def_of(b, br, in->use[0]);
    if (low < 0 || b->insns[low].op != IR_OP_and || !const_value(b, low, b->insns[low].use[1], &mask) ||
        mask != 15)
        return false;
    AddrParts q = addr_parts(b, low, b->insns[low].use[0]);
    return q.x && (p->disp - q.disp) % 16 == 0 && same_value(b, p->at, q.at, ADDR_DEPTH);
}

static Verdict find_check(const IrBlock *b, int64_t i, bool taken, void *arg)
{
    return taken && check_proves(b, i, arg) ? FOUND : GO_ON;
}

bool x86_sse_known_aligned16(X86Ctx *ctx, IrTemp addr)
{
    const IrBlock *b = ctx->ir;
    AddrParts p = addr_parts(b, (int64_t)b->ninsns - 1, addr);
    if (!p.x)
        return p.disp % 16 == 0;
    return walk_back(b, find_check, &p);
}

/* ---- loads ------------------------------------------------------------- */

typedef struct LoadQuery {
    AddrParts addr;
    IrType addr_type;
    uint8_t type, memop;
    unsigned size;
    IrTemp found;
} LoadQuery;

/* How the bytes at `in`'s address (a ld or st) lie against the query's. */
typedef enum { ELSEWHERE, SAME_BYTES, OVERLAP, UNKNOWN } Placement;

static Placement placement(const IrBlock *b, int64_t i, const LoadQuery *q)
{
    const IrInsn *in = &b->insns[i];
    AddrParts p = addr_parts(b, i, in->use[0]);
    if ((p.x != 0) != (q->addr.x != 0) || (p.x && !same_value(b, p.at, q->addr.at, ADDR_DEPTH)))
        return UNKNOWN;
    unsigned size = 1u << (in->aux & IR_MO_SIZE);
    uint64_t delta = p.disp - q->addr.disp; /* where in's bytes start, from the query's */
    int64_t from = q->addr_type == IR_I32 ? (int32_t)delta : (int64_t)delta;
    if (from == 0 && size == q->size)
        return SAME_BYTES;
    return from >= (int64_t)q->size || from + (int64_t)size <= 0 ? ELSEWHERE : OVERLAP;
}

/* The value an earlier load read or a store wrote at the same bytes, with
 * no store that may touch them, fence or helper (which may store) between
 * it and here. */
static Verdict find_load(const IrBlock *b, int64_t i, bool taken, void *arg)
{
    LoadQuery *q = arg;
    const IrInsn *in = &b->insns[i];
    (void)taken;
    if (in->op == IR_OP_cmpxchg || in->op == IR_OP_fence || in->op == IR_OP_call)
        return STOP;
    if (in->op != IR_OP_ld && in->op != IR_OP_st)
        return GO_ON;
    Placement where = placement(b, i, q);
    if (where == ELSEWHERE)
        return GO_ON;
    if (where != SAME_BYTES || in->type != q->type || in->aux != q->memop)
        return in->op == IR_OP_st ? STOP : GO_ON; /* a store that may touch the bytes */
    IrTemp v = in->op == IR_OP_st ? in->use[1] : in->def[0];
    if (redefined_after(b, i, v))
        return STOP;
    q->found = v;
    return FOUND;
}

IrTemp x86_sse_known_load(X86Ctx *ctx, IrTemp addr, unsigned size)
{
    const IrBlock *b = ctx->ir;
    LoadQuery q = {
        .addr = addr_parts(b, (int64_t)b->ninsns - 1, addr),
        .addr_type = ir_temp_type(b, addr),
        .type = size == 8 ? IR_I64 : IR_I32,
        .memop = size == 8 ? IR_MO_64 : IR_MO_32,
        .size = size,
    };
    return walk_back(b, find_load, &q) ? q.found : 0;
}
