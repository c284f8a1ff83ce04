// Waymark rule language. See docs/language.md for the reference.
// Newlines are not significant: every block starts with a keyword and ends with `end`.
// Expression precedence is layered by hand (not left recursion) so that long chains
// build flat parse trees and `between a and b` cannot swallow a following `and`.
grammar Waymark;

file : item* EOF ;

item
    : header
    | importDecl
    | inputBlock
    | outputBlock
    | codesetDecl
    | defineDecl
    | groupDecl
    | ruleDecl
    | testDecl
    ;

// ---- header ---------------------------------------------------------------
header : kind=(PATHWAY | MODULE) qualifiedName headerProperty* ;
headerProperty
    : VERSION STRING        # versionProperty
    | TITLE STRING          # titleProperty
    | DESCRIPTION STRING    # descriptionProperty
    | IMPLEMENTS STRING     # implementsProperty
    | COVERAGE INT_LIT '%'  # coverageProperty
    ;
qualifiedName : name ('.' name)* ;

importDecl : IMPORT STRING AS name ;

// ---- schema ---------------------------------------------------------------
inputBlock : INPUT fieldDecl* END ;
fieldDecl : name ':' typeSpec fieldOption* ;
fieldOption
    : REQUIRED                                  # requiredOption
    | OPTIONAL                                  # optionalOption
    | KEY                                       # keyOption
    | FROM STRING                               # fromOption
    | LABEL STRING                              # labelOption
    | ONE OF listLiteral                        # oneOfOption
    | DELIMITED BY STRING (',' STRING)*         # delimitedOption
    ;

outputBlock : OUTPUT outputDecl* END ;
outputDecl : name ':' typeSpec outputOption* ;
outputOption
    : FOR name                                  # roleOption
    | LABEL STRING                              # outputLabelOption
    | ONE OF listLiteral                        # outputOneOfOption
    ;

typeSpec : baseType LIST? ;
baseType : BOOL | INT | DECIMAL | TEXT | DATE | CODE ;

// ---- code sets and definitions -----------------------------------------------
codesetDecl : CODESET name STRING? (codeEntry (',' codeEntry)* ','?)? END ;
codeEntry : STRING (DOTDOT STRING)? ;

defineDecl : DEFINE name STRING? '=' expr ;

// ---- rules ----------------------------------------------------------------
groupDecl : GROUP name STRING? POLICY policy=(FIRST | ALL | UNIQUE) ruleDecl* END ;

ruleDecl : RULE name STRING? ruleClause* END ;
ruleClause
    : WHEN expr                 # whenClause
    | THEN action+              # thenClause
    | BECAUSE STRING            # becauseClause
    | CITE STRING               # citeClause
    | PRIORITY signedInt        # priorityClause
    ;
action
    : SET name '=' expr             # setAction
    | CLASSIFY expr                 # classifyAction
    | RECOMMEND expr                # recommendAction
    | REFER expr (TO expr)?         # referAction
    ;

// ---- test cases -------------------------------------------------------------
testDecl : TEST STRING (GIVEN givenItem*)? (EXPECT expectation*)? END ;
givenItem : name '=' (signedLiteral | MISSING) ;
expectation
    : name '=' (signedLiteral | listLiteral)  # expectValue
    | name IS MISSING                       # expectMissing
    | name CONTAINS signedLiteral           # expectContains
    | NOT? FIRED name (',' name)*           # expectFired
    | UNKNOWN name (',' name)*              # expectUnknown
    ;

// ---- expressions (lowest precedence first) -------------------------------------
expr
    : IF expr THEN expr ELSE expr   # ifExpr
    | orExpr                        # plainExpr
    ;
orExpr  : andExpr (OR andExpr)* ;
andExpr : notExpr (AND notExpr)* ;
notExpr
    : NOT notExpr                   # negation
    | predicate                     # predicateExpr
    ;
predicate
    : quant=(ANY | ALL | NONE) arith NOT? IN inTarget                   # quantified
    | arith predicateTail?                                              # simplePredicate
    ;
predicateTail
    : op=('=' | '<>' | '!=' | '<' | '<=' | '>' | '>=') arith            # comparison
    | NOT? BETWEEN arith AND arith                                      # between
    | NOT? IN inTarget                                                  # membership
    | NOT? LIKE STRING                                                  # like
    | IS NOT? test=(MISSING | PRESENT | TRUE | FALSE)                   # isTest
    | WITHIN arith DAYS OF arith                                        # within
    ;
inTarget : listLiteral | nameRef ;
arith : term (op+=('+' | '-') term)* ;
term  : unary (op+=('*' | '/') unary)* ;
unary
    : '-' unary                     # negate
    | primary                       # primaryUnary
    ;
primary
    : literal                       # literalPrimary
    | listLiteral                   # listPrimary
    | '(' expr ')'                  # parenPrimary
    | name '(' (expr (',' expr)*)? ')'  # callPrimary
    | nameRef                       # namePrimary
    ;
nameRef : name ('.' name)? ;
listLiteral : '[' (expr (',' expr)*)? ']' ;
literal : INT_LIT | DECIMAL_LIT | STRING | TRUE | FALSE | DATE_LIT ;
// Test cases take literal values only; a leading minus is part of the number there.
signedLiteral : '-'? (INT_LIT | DECIMAL_LIT) | literal ;
signedInt : '-'? INT_LIT ;

// Soft keywords: usable as names where a name is expected.
name
    : IDENT | QUOTED_IDENT
    | VERSION | TITLE | DESCRIPTION | COVERAGE | LABEL | KEY | PRIORITY | FIRST | UNIQUE | DAYS | POLICY
    ;

// ---- lexer ----------------------------------------------------------------
PATHWAY : 'pathway' ;  MODULE : 'module' ;   VERSION : 'version' ;  TITLE : 'title' ;
DESCRIPTION : 'description' ;  IMPLEMENTS : 'implements' ;  COVERAGE : 'coverage' ;
IMPORT : 'import' ;  AS : 'as' ;
INPUT : 'input' ;  OUTPUT : 'output' ;  END : 'end' ;
REQUIRED : 'required' ;  OPTIONAL : 'optional' ;  KEY : 'key' ;  FROM : 'from' ;  LABEL : 'label' ;
ONE : 'one' ;  OF : 'of' ;  DELIMITED : 'delimited' ;  BY : 'by' ;  FOR : 'for' ;  LIST : 'list' ;
BOOL : 'bool' ;  INT : 'int' ;  DECIMAL : 'decimal' ;  TEXT : 'text' ;  DATE : 'date' ;  CODE : 'code' ;
CODESET : 'codeset' ;  DEFINE : 'define' ;  GROUP : 'group' ;  POLICY : 'policy' ;
FIRST : 'first' ;  ALL : 'all' ;  UNIQUE : 'unique' ;  ANY : 'any' ;  NONE : 'none' ;
RULE : 'rule' ;  WHEN : 'when' ;  THEN : 'then' ;  BECAUSE : 'because' ;  CITE : 'cite' ;  PRIORITY : 'priority' ;
SET : 'set' ;  CLASSIFY : 'classify' ;  RECOMMEND : 'recommend' ;  REFER : 'refer' ;  TO : 'to' ;
TEST : 'test' ;  GIVEN : 'given' ;  EXPECT : 'expect' ;  FIRED : 'fired' ;  CONTAINS : 'contains' ;  UNKNOWN : 'unknown' ;
IF : 'if' ;  ELSE : 'else' ;  AND : 'and' ;  OR : 'or' ;  NOT : 'not' ;  IN : 'in' ;  LIKE : 'like' ;
BETWEEN : 'between' ;  IS : 'is' ;  MISSING : 'missing' ;  PRESENT : 'present' ;
TRUE : 'true' ;  FALSE : 'false' ;  WITHIN : 'within' ;  DAYS : 'days' ;

DATE_LIT : '@' DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
DECIMAL_LIT : DIGIT+ '.' DIGIT+ ;
INT_LIT : DIGIT+ ;
STRING : '"' ( '\\' . | ~["\\\r\n] )* '"' | '\'' ( '\\' . | ~['\\\r\n] )* '\'' ;
IDENT : [A-Za-z_] [A-Za-z0-9_]* ;
QUOTED_IDENT : '`' ~[`\r\n]+ '`' ;
DOTDOT : '..' ;

LPAREN : '(' ; RPAREN : ')' ; LBRACK : '[' ; RBRACK : ']' ; COMMA : ',' ; COLON : ':' ; DOT : '.' ;
EQ : '=' ; NE : '<>' ; NE2 : '!=' ; LT : '<' ; LE : '<=' ; GT : '>' ; GE : '>=' ;
PLUS : '+' ; MINUS : '-' ; STAR : '*' ; SLASH : '/' ; PERCENT : '%' ;

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS : [ \t\r\n\f]+ -> skip ;
// Lexical errors become hidden tokens: the front end reports them, and the parser carries on.
UNTERMINATED_STRING : ( '"' ( '\\' . | ~["\\\r\n] )* | '\'' ( '\\' . | ~['\\\r\n] )* ) -> channel(HIDDEN) ;
UNTERMINATED_IDENT : '`' ~[`\r\n]* -> channel(HIDDEN) ;
UNKNOWN_CHAR : . -> channel(HIDDEN) ;

fragment DIGIT : [0-9] ;
