<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Take annotator {n}&apos;s version</source>
        <translation>نسخهٔ برچسب‌زن {n} را بگیر</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>پروژهٔ تازه…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>باز کردن پروژه…</translation>
    </message>
    <message>
        <source>Open &amp;team project…</source>
        <translation>باز کردن پروژهٔ تیمی…</translation>
    </message>
    <message>
        <source>Open a project on a PostgreSQL server by its URL</source>
        <translation>باز کردن پروژه‌ای روی سرور PostgreSQL با نشانی (URL) آن</translation>
    </message>
    <message>
        <source>&amp;Import documents…</source>
        <translation>وارد کردن سندها…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>خروجی گرفتن…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>واگرد</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>ازنو</translation>
    </message>
    <message>
        <source>&amp;Delete span</source>
        <translation>حذف بازه</translation>
    </message>
    <message>
        <source>Remove the span under the cursor</source>
        <translation>بازهٔ زیر مکان‌نما را حذف می‌کند</translation>
    </message>
    <message>
        <source>&amp;Accept suggestion</source>
        <translation>پذیرفتن پیشنهاد</translation>
    </message>
    <message>
        <source>Accept the suggestion under the cursor</source>
        <translation>پیشنهاد زیر مکان‌نما را می‌پذیرد</translation>
    </message>
    <message>
        <source>Re&amp;ject suggestion</source>
        <translation>رد کردن پیشنهاد</translation>
    </message>
    <message>
        <source>Reject the suggestion (remembered)</source>
        <translation>پیشنهاد را رد می‌کند (به خاطر سپرده می‌شود)</translation>
    </message>
    <message>
        <source>Accept all suggestions at or above %</source>
        <translation>پذیرفتن همهٔ پیشنهادهای ٪ یا بیشتر</translation>
    </message>
    <message>
        <source>Set &amp;role…</source>
        <translation>تعیین نقش…</translation>
    </message>
    <message>
        <source>Choose the role of the span under the cursor</source>
        <translation>نقش بازهٔ زیر مکان‌نما را برگزینید</translation>
    </message>
    <message>
        <source>Grow at start by a token</source>
        <translation>یک توکن افزودن به آغاز</translation>
    </message>
    <message>
        <source>One token earlier</source>
        <translation>یک توکن زودتر</translation>
    </message>
    <message>
        <source>Shrink at start by a token</source>
        <translation>یک توکن کاستن از آغاز</translation>
    </message>
    <message>
        <source>Grow at end by a token</source>
        <translation>یک توکن افزودن به پایان</translation>
    </message>
    <message>
        <source>One token later</source>
        <translation>یک توکن دیرتر</translation>
    </message>
    <message>
        <source>Shrink at end by a token</source>
        <translation>یک توکن کاستن از پایان</translation>
    </message>
    <message>
        <source>Next span</source>
        <translation>بازهٔ بعدی</translation>
    </message>
    <message>
        <source>Previous span</source>
        <translation>بازهٔ قبلی</translation>
    </message>
    <message>
        <source>Next suggestion</source>
        <translation>پیشنهاد بعدی</translation>
    </message>
    <message>
        <source>Previous suggestion</source>
        <translation>پیشنهاد قبلی</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>سند بعدی</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>سند قبلی</translation>
    </message>
    <message>
        <source>Mark done, go to next</source>
        <translation>تمام شد، برو به بعدی</translation>
    </message>
    <message>
        <source>Pre-tag this document</source>
        <translation>پیش‌برچسب‌گذاری همین سند</translation>
    </message>
    <message>
        <source>Rules, cues, gazetteer, model</source>
        <translation>قاعده‌ها، نشانه‌ها، فهرست نام‌ها، مدل</translation>
    </message>
    <message>
        <source>Pre-tag every document</source>
        <translation>پیش‌برچسب‌گذاری همهٔ سندها</translation>
    </message>
    <message>
        <source>Train the model on finished documents</source>
        <translation>آموزش مدل با سندهای تمام‌شده</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>تنظیمات…</translation>
    </message>
    <message>
        <source>Label schema…</source>
        <translation>طرح برچسب‌ها…</translation>
    </message>
    <message>
        <source>Types, colours, keys, roles</source>
        <translation>گونه‌ها، رنگ‌ها، کلیدها، نقش‌ها</translation>
    </message>
    <message>
        <source>Most uncertain first</source>
        <translation>نامطمئن‌ترین‌ها نخست</translation>
    </message>
    <message>
        <source>Order documents by model doubt</source>
        <translation>چیدن سندها به ترتیب تردید مدل</translation>
    </message>
    <message>
        <source>Character mode</source>
        <translation>حالت نویسه‌ای</translation>
    </message>
    <message>
        <source>Select inside tokens</source>
        <translation>گزینش درون توکن‌ها</translation>
    </message>
    <message>
        <source>Show ZWNJ</source>
        <translation>نمایش نیم‌فاصله‌ها</translation>
    </message>
    <message>
        <source>Mark every zero-width non-joiner</source>
        <translation>هر نیم‌فاصله را نشان می‌دهد</translation>
    </message>
    <message>
        <source>Document history</source>
        <translation>تاریخچهٔ سند</translation>
    </message>
    <message>
        <source>Who changed which span, when (a team project&apos;s audit trail)</source>
        <translation>چه کسی کدام بازه را کی تغییر داد (سابقهٔ تغییرات پروژهٔ تیمی)</translation>
    </message>
    <message>
        <source>Team progress…</source>
        <translation>پیشرفت گروه…</translation>
    </message>
    <message>
        <source>Who has done what</source>
        <translation>چه کسی چه کرده است</translation>
    </message>
    <message>
        <source>Package my annotations…</source>
        <translation>بسته‌بندی برچسب‌های من…</translation>
    </message>
    <message>
        <source>A file for the reviewer</source>
        <translation>پرونده‌ای برای بازبین</translation>
    </message>
    <message>
        <source>Merge annotators&apos; packages…</source>
        <translation>ادغام بسته‌های برچسب‌زن‌ها…</translation>
    </message>
    <message>
        <source>Add the team&apos;s layers</source>
        <translation>لایه‌های گروه را می‌افزاید</translation>
    </message>
    <message>
        <source>Agreement report…</source>
        <translation>گزارش توافق…</translation>
    </message>
    <message>
        <source>Span F1, κ and α between annotators</source>
        <translation>F1 بازه‌ها، κ و α میان برچسب‌زن‌ها</translation>
    </message>
    <message>
        <source>Curate gold</source>
        <translation>بازبینی لایهٔ طلایی</translation>
    </message>
    <message>
        <source>Edit the gold layer; settle disagreements</source>
        <translation>ویرایش لایهٔ طلایی؛ حل اختلاف‌ها</translation>
    </message>
    <message>
        <source>Accept agreed spans</source>
        <translation>پذیرفتن بازه‌های مورد توافق</translation>
    </message>
    <message>
        <source>Everything the annotators agree on</source>
        <translation>هر آنچه برچسب‌زن‌ها بر آن توافق دارند</translation>
    </message>
    <message>
        <source>Next disagreement</source>
        <translation>اختلاف بعدی</translation>
    </message>
    <message>
        <source>Previous disagreement</source>
        <translation>اختلاف قبلی</translation>
    </message>
    <message>
        <source>No entity here</source>
        <translation>اینجا موجودیتی نیست</translation>
    </message>
    <message>
        <source>A decision, remembered</source>
        <translation>تصمیمی که به خاطر سپرده می‌شود</translation>
    </message>
    <message>
        <source>Mark reviewed, go to next</source>
        <translation>بازبینی شد، برو به بعدی</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>میان‌برهای صفحه‌کلید</translation>
    </message>
    <message>
        <source>File</source>
        <translation>پرونده</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>ویرایش</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>بازه</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>برو</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>ابزارها</translation>
    </message>
    <message>
        <source>View</source>
        <translation>نما</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>بازبینی</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>راهنما</translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <source>Span F1 (exact)</source>
        <translation>F1 بازه (دقیق)</translation>
    </message>
    <message>
        <source>Span F1 (overlap)</source>
        <translation>F1 بازه (هم‌پوشانی)</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ (tokens)</source>
        <translation>κ کوهن (توکن‌ها)</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ (IOB2)</source>
        <translation>κ کوهن (IOB2)</translation>
    </message>
    <message>
        <source>Inter-annotator agreement</source>
        <translation>توافق میان برچسب‌زن‌ها</translation>
    </message>
    <message>
        <source>F1 exact</source>
        <translation>F1 دقیق</translation>
    </message>
    <message>
        <source>F1 overlap</source>
        <translation>F1 هم‌پوشانی</translation>
    </message>
    <message>
        <source>label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>κ tokens</source>
        <translation>κ توکن‌ها</translation>
    </message>
    <message>
        <source>Fleiss κ</source>
        <translation>κ فلایس</translation>
    </message>
    <message>
        <source>spans per annotator</source>
        <translation>بازه‌های هر برچسب‌زن</translation>
    </message>
    <message>
        <source>document</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>annotators</source>
        <translation>برچسب‌زن‌ها</translation>
    </message>
    <message>
        <source>Figure:</source>
        <translation>شاخص:</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>جفت‌ها</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>سندها</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>درهم‌ریختگی</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>اختلاف‌ها</translation>
    </message>
    <message>
        <source>{documents} annotated by two or more of {annotators}.  Span F1 exact {exact}, overlap {overlap} · Fleiss&apos; κ {fleiss} · Krippendorff&apos;s α {alpha} · disagreements: {type} type, {boundary} boundary, {missing} missing</source>
        <translation>{documents} با دست‌کم دو برچسب‌زن از میان {annotators} · امتیاز F1 بازه‌ها: دقیق {exact}، هم‌پوشانی {overlap} · κ فلایس {fleiss} · α کریپندورف {alpha} · اختلاف‌ها: {type} در گونه، {boundary} در مرز، {missing} جاافتاده</translation>
    </message>
    <message numerus="yes">
        <source>%Ln documents</source>
        <translation>
            <numerusform>%Ln سند</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message numerus="yes">
        <source>%Ln documents in common</source>
        <translation>
            <numerusform>%Ln سند مشترک</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Annotation</name>
    <message>
        <source>Relabel {label}</source>
        <translation>برچسب تازهٔ {label}</translation>
    </message>
    <message>
        <source>Accept {label}</source>
        <translation>پذیرفتن {label}</translation>
    </message>
    <message>
        <source>{label} has no roles in this schema</source>
        <translation>برای {label} در این طرح نقشی تعریف نشده است</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <source>Role of {label}</source>
        <translation>نقش {label}</translation>
    </message>
    <message>
        <source>Role {role}</source>
        <translation>نقش {role}</translation>
    </message>
    <message>
        <source>Resize</source>
        <translation>تغییر اندازه</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Barchasb</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>Your annotator name:</source>
        <translation>نام شما به عنوان برچسب‌زن:</translation>
    </message>
    <message>
        <source>The details are in {log}.</source>
        <translation>جزئیات در {log} است.</translation>
    </message>
    <message>
        <source>unexpected error: {error}</source>
        <translation>خطای پیش‌بینی‌نشده: {error}</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>The connection to the server is lost, so this edit was not made. Barchasb is reconnecting; try again once the status bar says it is connected again.</source>
        <translation>اتصال به سرور قطع شده است، پس این ویرایش انجام نشد. برچسب دوباره وصل می‌شود؛ وقتی نوار وضعیت گفت دوباره وصل است، باز امتحان کنید.</translation>
    </message>
    <message>
        <source>Label {label}</source>
        <translation>برچسب {label}</translation>
    </message>
    <message>
        <source>Delete {label}</source>
        <translation>حذف {label}</translation>
    </message>
    <message>
        <source>Reject {label}</source>
        <translation>رد کردن {label}</translation>
    </message>
    <message>
        <source>Accept suggestions ≥ {percent}</source>
        <translation>پذیرفتن پیشنهادهای ≥ {percent}</translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln agreed regions</source>
        <translation>
            <numerusform>پذیرفتن %Ln ناحیهٔ مورد توافق</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationPanel</name>
    <message>
        <source>annotator</source>
        <translation>برچسب‌زن</translation>
    </message>
    <message>
        <source>version</source>
        <translation>نسخه</translation>
    </message>
    <message>
        <source>Versions (Alt+number takes one; Alt+0: no entity here)</source>
        <translation>نسخه‌ها (Alt+شماره یکی را برمی‌گزیند؛ Alt+0: اینجا موجودیتی نیست)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>هیچ‌کس</translation>
    </message>
    <message numerus="yes">
        <source>{settled} of %Ln regions settled</source>
        <translation>
            <numerusform>{settled} از %Ln ناحیه حل شده</numerusform>
        </translation>
    </message>
    <message>
        <source>Curating gold · annotators: {who} · {settled}</source>
        <translation>بازبینی لایهٔ طلایی · برچسب‌زن‌ها: {who} · {settled}</translation>
    </message>
    <message>
        <source>no entity here (decided)</source>
        <translation>اینجا موجودیتی نیست (تصمیم گرفته شده)</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>طلایی</translation>
    </message>
</context>
<context>
    <name>DisagreementModel</name>
    <message>
        <source>document</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>text</source>
        <translation>متن</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>only documents assigned to me (★)</source>
        <translation>فقط سندهایی که به من سپرده شده (★)</translation>
    </message>
    <message>
        <source>filter by title or id</source>
        <translation>جستجو در عنوان یا شناسه</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tokens</source>
        <translation>
            <numerusform>%Ln توکن</numerusform>
        </translation>
    </message>
    <message>
        <source>{done}/{total} done · {tokens}</source>
        <translation>{done} از {total} تمام شده · {tokens}</translation>
    </message>
</context>
<context>
    <name>DocumentModel</name>
    <message>
        <source>★</source>
        <translation>★</translation>
    </message>
    <message>
        <source>title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>موجودیت</translation>
    </message>
    <message>
        <source>sugg.</source>
        <translation>پیشنهاد</translation>
    </message>
    <message>
        <source>assigned to you</source>
        <translation>سپرده به شما</translation>
    </message>
    <message>
        <source>title (the id and layers in its tooltip)</source>
        <translation>عنوان (شناسه و لایه‌ها در راهنمای آن)</translation>
    </message>
    <message>
        <source>where the document is in the workflow</source>
        <translation>سند در کجای کار است</translation>
    </message>
    <message>
        <source>entities in your layer</source>
        <translation>موجودیت‌های لایهٔ شما</translation>
    </message>
    <message>
        <source>open suggestions in your layer</source>
        <translation>پیشنهادهای باز در لایهٔ شما</translation>
    </message>
    <message>
        <source>{title}
id: {id} · {tokens} · layers: {layers}</source>
        <translation>{title}
شناسه: {id} · {tokens} · لایه‌ها: {layers}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tokens</source>
        <translation>
            <numerusform>%Ln توکن</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>role: {role}</source>
        <translation>نقش: {role}</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>پیشنهادی</translation>
    </message>
    <message>
        <source>source: {source}</source>
        <translation>منبع: {source}</translation>
    </message>
    <message>
        <source>confidence: {percent}</source>
        <translation>اطمینان: {percent}</translation>
    </message>
</context>
<context>
    <name>ExchangeDialogs</name>
    <message>
        <source>Barchasb packages (*.barchasb-package *.pkg);;All files (*)</source>
        <translation>بسته‌های برچسب (*.barchasb-package *.pkg);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>Package your annotations</source>
        <translation>بسته‌بندی برچسب‌های شما</translation>
    </message>
    <message>
        <source>Merge annotators&apos; packages</source>
        <translation>ادغام بسته‌های برچسب‌زن‌ها</translation>
    </message>
    <message>
        <source>Barchasb</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>When a package holds a different version of a layer that is already here, overwrite it?
(No: such a merge stops and nothing changes.)</source>
        <translation>اگر بسته‌ای نسخهٔ دیگری از لایه‌ای را داشته باشد که اینجا هست، جایگزینش شود؟
(نه: چنین ادغامی متوقف می‌شود و چیزی تغییر نمی‌کند.)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>خروجی گرفتن</translation>
    </message>
    <message>
        <source>only documents marked done or reviewed</source>
        <translation>فقط سندهای تمام‌شده یا بازبینی‌شده</translation>
    </message>
    <message>
        <source>-DOCSTART- before each document</source>
        <translation>افزودن ‎-DOCSTART-‎ پیش از هر سند</translation>
    </message>
    <message>
        <source>a role column before the tag</source>
        <translation>ستون نقش پیش از برچسب</translation>
    </message>
    <message>
        <source>a folder (one file per split), or one file for a single split</source>
        <translation>یک پوشه (هر تقسیم یک پرونده)، یا یک پرونده برای یک تقسیم</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>پوشه…</translation>
    </message>
    <message>
        <source>automatic: gold, else the only layer</source>
        <translation>خودکار: طلایی، وگرنه تنها لایه</translation>
    </message>
    <message>
        <source>token TAG</source>
        <translation>توکن برچسب</translation>
    </message>
    <message>
        <source>CoNLL-2003: token -X- _ TAG</source>
        <translation>CoNLL-2003: توکن ‎-X- _‎ برچسب</translation>
    </message>
    <message>
        <source>automatic: the corpus&apos;s own splits when every document has one, else 0.8,0.1,0.1</source>
        <translation>خودکار: تقسیم خود پیکره اگر همهٔ سندها تقسیم دارند، وگرنه 0.8,0.1,0.1</translation>
    </message>
    <message>
        <source>the corpus&apos;s own splits</source>
        <translation>تقسیم خود پیکره</translation>
    </message>
    <message>
        <source>rename on the way out, e.g. PER=pers,LOC=loc</source>
        <translation>تغییر نام در خروجی، مثلاً PER=pers,LOC=loc</translation>
    </message>
    <message>
        <source>the dataset card&apos;s license, e.g. cc-by-4.0</source>
        <translation>پروانهٔ کارت داده‌ها، مثلاً cc-by-4.0</translation>
    </message>
    <message>
        <source>who curated gold, comma-separated</source>
        <translation>بازبین‌های لایهٔ طلایی، با ویرگول جدا</translation>
    </message>
    <message>
        <source>Label Studio: the spans as predictions to review, not annotations</source>
        <translation>Label Studio: بازه‌ها به شکل پیش‌بینی برای بازبینی، نه برچسب</translation>
    </message>
    <message>
        <source>leave out spans the format cannot carry (nested, inside a token)</source>
        <translation>کنار گذاشتن بازه‌هایی که این قالب نمی‌تواند نگه دارد (تودرتو، درون یک توکن)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>قالب</translation>
    </message>
    <message>
        <source>To</source>
        <translation>مقصد</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>لایه</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>طرح برچسب‌گذاری</translation>
    </message>
    <message>
        <source>Separator</source>
        <translation>جداکننده</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>چینش</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>تقسیم</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>بذر تصادفی</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>واحد</translation>
    </message>
    <message>
        <source>Label map</source>
        <translation>نگاشت برچسب‌ها</translation>
    </message>
    <message>
        <source>License</source>
        <translation>پروانه</translation>
    </message>
    <message>
        <source>Curators</source>
        <translation>بازبین‌ها</translation>
    </message>
    <message>
        <source>choose where to export: a folder, or a single .conll or .jsonl file</source>
        <translation>مقصد خروجی را برگزینید: یک پوشه، یا یک پروندهٔ .conll یا .jsonl</translation>
    </message>
    <message>
        <source>several layers ({layers}) and no gold: choose one in Layer</source>
        <translation>چند لایه ({layers}) و بی لایهٔ طلایی: یکی را در «لایه» برگزینید</translation>
    </message>
    <message>
        <source>the CoNLL-2003 layout has no role column: untick the role column</source>
        <translation>چینش CoNLL-2003 ستون نقش ندارد: تیک ستون نقش را بردارید</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>خروجی در</translation>
    </message>
    <message>
        <source>the role column</source>
        <translation>ستون نقش</translation>
    </message>
    <message>
        <source>Label Studio predictions</source>
        <translation>پیش‌بینی‌های Label Studio</translation>
    </message>
    <message>
        <source>only documents marked done</source>
        <translation>فقط سندهای تمام‌شده</translation>
    </message>
    <message>
        <source>-DOCSTART-</source>
        <translation>-DOCSTART-</translation>
    </message>
    <message>
        <source>leave out spans the format cannot carry</source>
        <translation>کنار گذاشتن بازه‌هایی که این قالب نمی‌تواند نگه دارد</translation>
    </message>
    <message>
        <source>give them a split when importing (Split in the import&apos;s options)</source>
        <translation>هنگام وارد کردن به آن‌ها تقسیم بدهید («تقسیم» در گزینه‌های وارد کردن)</translation>
    </message>
    <message>
        <source>choose one in Layer</source>
        <translation>یکی را در «لایه» برگزینید</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>added a span to {layer}</source>
        <translation>بازه‌ای به {layer} افزود</translation>
    </message>
    <message>
        <source>changed a span of {layer}</source>
        <translation>بازه‌ای از {layer} را تغییر داد</translation>
    </message>
    <message>
        <source>removed a span from {layer}</source>
        <translation>بازه‌ای را از {layer} برداشت</translation>
    </message>
    <message>
        <source>started the layer {layer}</source>
        <translation>لایهٔ {layer} را آغاز کرد</translation>
    </message>
    <message>
        <source>changed the layer {layer}</source>
        <translation>لایهٔ {layer} را تغییر داد</translation>
    </message>
    <message>
        <source>removed the layer {layer}</source>
        <translation>لایهٔ {layer} را برداشت</translation>
    </message>
    <message>
        <source>imported the document</source>
        <translation>سند را وارد کرد</translation>
    </message>
    <message>
        <source>changed the document</source>
        <translation>سند را تغییر داد</translation>
    </message>
    <message>
        <source>removed the document</source>
        <translation>سند را برداشت</translation>
    </message>
    <message>
        <source>assigned the document to {layer}</source>
        <translation>سند را به {layer} سپرد</translation>
    </message>
    <message>
        <source>took the document from {layer}</source>
        <translation>سند را از {layer} پس گرفت</translation>
    </message>
    <message>
        <source>recorded a curation decision</source>
        <translation>تصمیم بازبینی‌ای ثبت کرد</translation>
    </message>
    <message>
        <source>changed a curation decision</source>
        <translation>تصمیم بازبینی‌ای را تغییر داد</translation>
    </message>
    <message>
        <source>removed a curation decision</source>
        <translation>تصمیم بازبینی‌ای را برداشت</translation>
    </message>
    <message>
        <source>status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>تصمیم</translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>برچسب‌زن</translation>
    </message>
    <message>
        <source>label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>source</source>
        <translation>منبع</translation>
    </message>
    <message>
        <source>The history of a document needs a team server project: a project file keeps no record of who changed what.</source>
        <translation>تاریخچهٔ سند به پروژهٔ تیمی روی سرور نیاز دارد: پروندهٔ پروژه ثبت نمی‌کند چه کسی چه چیزی را تغییر داد.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>زمان</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>چه کسی</translation>
    </message>
    <message>
        <source>What</source>
        <translation>چه کاری</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>پیش از آن</translation>
    </message>
    <message>
        <source>After</source>
        <translation>پس از آن</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>لایهٔ طلایی</translation>
    </message>
    <message>
        <source>Document history</source>
        <translation>تاریخچهٔ سند</translation>
    </message>
    <message>
        <source>Open a document to see its history.</source>
        <translation>سندی را باز کنید تا تاریخچه‌اش را ببینید.</translation>
    </message>
    <message>
        <source>No change of this document was recorded yet.</source>
        <translation>هنوز تغییری از این سند ثبت نشده است.</translation>
    </message>
    <message>
        <source>An annotator&apos;s history shows their own changes only.</source>
        <translation>تاریخچهٔ برچسب‌زن فقط تغییرهای خود او را نشان می‌دهد.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import documents</source>
        <translation>وارد کردن سندها</translation>
    </message>
    <message>
        <source>Files…</source>
        <translation>پرونده‌ها…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>پوشه…</translation>
    </message>
    <message>
        <source>project default</source>
        <translation>پیش‌فرض پروژه</translation>
    </message>
    <message>
        <source>the file&apos;s, else «imported»</source>
        <translation>از خود پرونده، وگرنه «imported»</translation>
    </message>
    <message>
        <source>add labels missing from the schema</source>
        <translation>افزودن برچسب‌هایی که در طرح نیستند</translation>
    </message>
    <message>
        <source>a text already in the project: replace that annotator&apos;s layer</source>
        <translation>متنی که در پروژه هست: لایهٔ آن برچسب‌زن جایگزین شود</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>پرونده‌ها</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>قالب</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>رمزگذاری</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>یکسان‌سازی</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>برچسب‌زن</translation>
    </message>
    <message>
        <source>Label map</source>
        <translation>نگاشت برچسب‌ها</translation>
    </message>
    <message>
        <source>choose files or a folder to import</source>
        <translation>پرونده‌ها یا پوشه‌ای را برای وارد کردن برگزینید</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>سندها</translation>
    </message>
    <message>
        <source>Text, JSONL, CSV, CoNLL (*.*)</source>
        <translation>متن، JSONL، CSV، CoNLL (*.*)</translation>
    </message>
    <message>
        <source>Folder of documents</source>
        <translation>پوشهٔ سندها</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>the work</source>
        <translation>کار</translation>
    </message>
    <message>
        <source>{work} failed: {error}</source>
        <translation>{work} ناموفق بود: {error}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
</context>
<context>
    <name>LiveViews</name>
    <message>
        <source>connection lost: reconnecting…</source>
        <translation>اتصال قطع شد: در حال اتصال دوباره…</translation>
    </message>
    <message>
        <source>connected again</source>
        <translation>دوباره وصل شد</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Type the server&apos;s URL.</source>
        <translation>نشانی سرور را بنویسید.</translation>
    </message>
    <message>
        <source>A team project&apos;s URL begins with postgresql://</source>
        <translation>نشانی پروژهٔ تیمی با ‎postgresql://‎ آغاز می‌شود</translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation>این نشانی درست نیست.</translation>
    </message>
    <message>
        <source>Leave the password out of the URL: the server asks for it, and it is never stored.</source>
        <translation>گذرواژه را در نشانی ننویسید: سرور آن را می‌پرسد و هرگز ذخیره نمی‌شود.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <source>Open team project</source>
        <translation>باز کردن پروژهٔ تیمی</translation>
    </message>
    <message>
        <source>The server {place} asks for the password of {user}.</source>
        <translation>سرور {place} گذرواژهٔ {user} را می‌خواهد.</translation>
    </message>
    <message>
        <source>The server {place} asks for a password.</source>
        <translation>سرور {place} گذرواژه می‌خواهد.</translation>
    </message>
    <message>
        <source>The project&apos;s PostgreSQL database: its URL, or the host, port and database. The password may be left empty when ~/.pgpass or PGPASSWORD holds it.</source>
        <translation>پایگاه دادهٔ PostgreSQL پروژه: نشانی (URL) آن، یا میزبان، درگاه و پایگاه داده. اگر ‎~/.pgpass‎ یا PGPASSWORD گذرواژه را دارد، می‌توانید آن را خالی بگذارید.</translation>
    </message>
    <message>
        <source>The server refused that password. Try again.</source>
        <translation>سرور این گذرواژه را نپذیرفت. دوباره امتحان کنید.</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>نشانی سرور</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>میزبان</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>درگاه</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>پایگاه داده</translation>
    </message>
    <message>
        <source>User</source>
        <translation>کاربر</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>گذرواژه را در جاکلیدی سیستم به خاطر بسپار</translation>
    </message>
    <message>
        <source>Unticked, a password stored for this project is deleted from the keyring.</source>
        <translation>اگر تیک نخورد، گذرواژهٔ ذخیره‌شدهٔ این پروژه از جاکلیدی پاک می‌شود.</translation>
    </message>
    <message>
        <source>Kept in the system keyring once the server accepts it; never in a file.</source>
        <translation>پس از پذیرفتن سرور در جاکلیدی سیستم نگه داشته می‌شود؛ هرگز در پرونده‌ای نوشته نمی‌شود.</translation>
    </message>
    <message>
        <source>Kept in memory until Barchasb closes; never written anywhere.</source>
        <translation>تا بسته شدن برچسب فقط در حافظه می‌ماند؛ هرگز جایی نوشته نمی‌شود.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Barchasb</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>character mode</source>
        <translation>حالت نویسه‌ای</translation>
    </message>
    <message>
        <source>Selections go by character, not by token (Ctrl+M to leave)</source>
        <translation>گزینش نویسه به نویسه است، نه توکن به توکن (Ctrl+M برای بیرون آمدن)</translation>
    </message>
    <message>
        <source>No project open: File › Open project… (Ctrl+O) or New project… (Ctrl+N)</source>
        <translation>پروژه‌ای باز نیست: پرونده › باز کردن پروژه… (Ctrl+O) یا پروژهٔ تازه… (Ctrl+N)</translation>
    </message>
    <message>
        <source>Barchasb — {project} — {layer}</source>
        <translation>برچسب — {project} — {layer}</translation>
    </message>
    <message>
        <source>Pre-tagging…</source>
        <translation>پیش‌برچسب‌گذاری…</translation>
    </message>
    <message>
        <source>trained on {sentences} of the layer {layer} in {seconds} s</source>
        <translation>آموزش با {sentences} از لایهٔ {layer} در {seconds} ثانیه</translation>
    </message>
    <message numerus="yes">
        <source>%Ln sentences</source>
        <translation>
            <numerusform>%Ln جمله</numerusform>
        </translation>
    </message>
    <message>
        <source>Training the model…</source>
        <translation>آموزش مدل…</translation>
    </message>
    <message>
        <source>{suggestions} in {documents}</source>
        <translation>{suggestions} در {documents}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln suggestions</source>
        <translation>
            <numerusform>%Ln پیشنهاد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln documents</source>
        <translation>
            <numerusform>%Ln سند</numerusform>
        </translation>
    </message>
    <message>
        <source>background work failed: {message}</source>
        <translation>کار پس‌زمینه ناموفق بود: {message}</translation>
    </message>
    <message>
        <source>{work} cancelled: nothing was changed</source>
        <translation>{work} لغو شد: چیزی تغییر نکرد</translation>
    </message>
    <message>
        <source>{document}: {entities}, {suggestions} · layer {layer}</source>
        <translation>سند {document}‏: {entities}، {suggestions} · لایهٔ {layer}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entities</source>
        <translation>
            <numerusform>%Ln موجودیت</numerusform>
        </translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>پروژه‌های اخیر</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>وارد کردن…</translation>
    </message>
    <message>
        <source>exported {documents} to {path}</source>
        <translation>خروجی {documents} در {path} نوشته شد</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>خروجی گرفتن…</translation>
    </message>
    <message numerus="yes">
        <source>, and %Ln layers to documents already there</source>
        <translation>
            <numerusform>، و %Ln لایه به سندهایی که از پیش بودند</numerusform>
        </translation>
    </message>
    <message>
        <source>imported {documents} with {entities}{layers}</source>
        <translation>{documents} با {entities} وارد شد{layers}</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>باز کردن پروژه</translation>
    </message>
    <message>
        <source>Barchasb projects (*.barchasb)</source>
        <translation>پروژه‌های برچسب (*.barchasb)</translation>
    </message>
    <message>
        <source>Accept all suggestions at or above {percent}</source>
        <translation>پذیرفتن همهٔ پیشنهادهای {percent} یا بیشتر</translation>
    </message>
    <message>
        <source>wrote {documents} of {annotator} to {path}</source>
        <translation>{documents} از برچسب‌زن {annotator} در {path} نوشته شد</translation>
    </message>
    <message>
        <source>Packaging…</source>
        <translation>بسته‌بندی…</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message numerus="yes">
        <source>merged %Ln packages: {outcomes}</source>
        <translation>
            <numerusform>%Ln بسته ادغام شد: {outcomes}</numerusform>
        </translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>ادغام…</translation>
    </message>
    <message>
        <source>Measuring agreement…</source>
        <translation>سنجش توافق…</translation>
    </message>
    <message>
        <source>{document} reviewed</source>
        <translation>سند {document} بازبینی شد</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Barchasb</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>an unexplained error</source>
        <translation>خطایی بی‌توضیح</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>New project</source>
        <translation>پروژهٔ تازه</translation>
    </message>
    <message>
        <source>File</source>
        <translation>پرونده</translation>
    </message>
    <message>
        <source>Label schema</source>
        <translation>طرح برچسب‌ها</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>یکسان‌سازی</translation>
    </message>
    <message>
        <source>Barchasb projects (*.barchasb)</source>
        <translation>پروژه‌های برچسب (*.barchasb)</translation>
    </message>
</context>
<context>
    <name>OpenSuggestions</name>
    <message numerus="yes">
        <source>%n suggestions are still open in this document. Open suggestions stay out of exports and training.</source>
        <translation>
            <numerusform>%Ln پیشنهاد در این سند هنوز باز است. پیشنهادهای باز در خروجی و آموزش به کار نمی‌روند.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them are at or above {percent}.</source>
        <translation>
            <numerusform>%Ln تا از آن‌ها {percent} یا بیشتر است.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>تمام شد</translation>
    </message>
    <message>
        <source>Accept those at or above {percent}, mark done</source>
        <translation>پذیرفتن آن‌های {percent} یا بیشتر، تمام شد</translation>
    </message>
    <message>
        <source>Leave them open, mark done</source>
        <translation>باز بمانند، تمام شد</translation>
    </message>
</context>
<context>
    <name>Passwords</name>
    <message>
        <source>The keyring could not store the password: {problem}</source>
        <translation>جاکلیدی سیستم نتوانست گذرواژه را نگه دارد: {problem}</translation>
    </message>
    <message>
        <source>Install the optional keyring package ({command}) to remember passwords.</source>
        <translation>برای به خاطر سپردن گذرواژه‌ها بستهٔ اختیاری جاکلیدی را نصب کنید (‎{command}‎).</translation>
    </message>
    <message>
        <source>No system keyring was found, so the password can only be kept in memory.</source>
        <translation>جاکلیدی سیستم پیدا نشد، پس گذرواژه فقط در حافظه نگه داشته می‌شود.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>automatic ({family})</source>
        <translation>خودکار ({family})</translation>
    </message>
    <message>
        <source>pre-tag a new document when it is first opened</source>
        <translation>پیش‌برچسب‌گذاری سند تازه در نخستین باز شدن</translation>
    </message>
    <message>
        <source>never</source>
        <translation>هرگز</translation>
    </message>
    <message>
        <source>all annotators</source>
        <translation>همهٔ برچسب‌زن‌ها</translation>
    </message>
    <message>
        <source>as the system</source>
        <translation>همان زبان سیستم</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>قلم</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>اندازهٔ قلم</translation>
    </message>
    <message>
        <source>Retrain after documents done</source>
        <translation>آموزش دوباره پس از این تعداد سند تمام‌شده</translation>
    </message>
    <message>
        <source>Accept all at or above</source>
        <translation>پذیرفتن همه از این اطمینان به بالا</translation>
    </message>
    <message>
        <source>Curation pre-accepts spans marked by</source>
        <translation>بازبینی از پیش می‌پذیرد بازه‌هایی را که نشان زده‌اند</translation>
    </message>
</context>
<context>
    <name>RegionModel</name>
    <message>
        <source>state</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>text</source>
        <translation>متن</translation>
    </message>
    <message>
        <source>✓ none</source>
        <translation>✓ هیچ</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message numerus="yes">
        <source>%Ln agreed regions pre-accepted into gold</source>
        <translation>
            <numerusform>%Ln ناحیهٔ مورد توافق از پیش در لایهٔ طلایی پذیرفته شد</numerusform>
        </translation>
    </message>
    <message>
        <source>every region of this document is settled</source>
        <translation>همهٔ ناحیه‌های این سند حل شده است</translation>
    </message>
    <message>
        <source>Take {name}: no entity</source>
        <translation>گرفتن {name}: بی موجودیت</translation>
    </message>
    <message>
        <source>Take {name}&apos;s version</source>
        <translation>گرفتن نسخهٔ {name}</translation>
    </message>
    <message>
        <source>No entity here</source>
        <translation>اینجا موجودیتی نیست</translation>
    </message>
    <message numerus="yes">
        <source>%Ln agreed regions accepted</source>
        <translation>
            <numerusform>%Ln ناحیهٔ مورد توافق پذیرفته شد</numerusform>
        </translation>
    </message>
    <message>
        <source>{accepted}, {left} left to settle</source>
        <translation>{accepted}، {left} ناحیه مانده</translation>
    </message>
    <message numerus="yes">
        <source>%Ln regions still to settle (Alt+Down goes to the next)</source>
        <translation>
            <numerusform>%Ln ناحیه هنوز حل نشده (Alt+Down به بعدی می‌رود)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>annotator</source>
        <translation>برچسب‌زن</translation>
    </message>
    <message>
        <source>curator</source>
        <translation>بازبین</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>مدیر</translation>
    </message>
    <message>
        <source>An annotator may not do this: ask the project&apos;s manager.</source>
        <translation>برچسب‌زن اجازهٔ این کار را ندارد: از مدیر پروژه بخواهید.</translation>
    </message>
    <message>
        <source>A curator may not do this: ask the project&apos;s manager.</source>
        <translation>بازبین اجازهٔ این کار را ندارد: از مدیر پروژه بخواهید.</translation>
    </message>
    <message>
        <source>Blind round: other layers are hidden until the manager closes the round.</source>
        <translation>دور ناآگاهانه: لایه‌های دیگران تا وقتی مدیر دور را ببندد پنهان‌اند.</translation>
    </message>
    <message>
        <source>not on the team</source>
        <translation>عضو گروه نیست</translation>
    </message>
    <message>
        <source>{user} · {role}</source>
        <translation>{user} · {role}</translation>
    </message>
    <message>
        <source>blind round</source>
        <translation>دور ناآگاهانه</translation>
    </message>
    <message>
        <source>A curator edits the gold layer.</source>
        <translation>بازبین لایهٔ طلایی را ویرایش می‌کند.</translation>
    </message>
</context>
<context>
    <name>SchemaEditor</name>
    <message>
        <source>name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>رنگ</translation>
    </message>
    <message>
        <source>key</source>
        <translation>کلید</translation>
    </message>
    <message>
        <source>roles (comma-separated)</source>
        <translation>نقش‌ها (با ویرگول جدا)</translation>
    </message>
    <message>
        <source>description</source>
        <translation>توضیح</translation>
    </message>
    <message>
        <source>Label schema</source>
        <translation>طرح برچسب‌ها</translation>
    </message>
    <message>
        <source>Add type</source>
        <translation>افزودن گونه</translation>
    </message>
    <message>
        <source>Remove type</source>
        <translation>حذف گونه</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>رنگ</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>میان‌برهای صفحه‌کلید</translation>
    </message>
    <message>
        <source>Label {name}</source>
        <translation>برچسب {name}</translation>
    </message>
    <message>
        <source>Label {name} ({description})</source>
        <translation>برچسب {name} ({description})</translation>
    </message>
    <message>
        <source>Extend the selection by a token (left is forward)</source>
        <translation>گسترش گزینش به اندازهٔ یک توکن (چپ یعنی جلو)</translation>
    </message>
    <message>
        <source>key</source>
        <translation>کلید</translation>
    </message>
    <message>
        <source>action</source>
        <translation>کار</translation>
    </message>
</context>
<context>
    <name>SpanModel</name>
    <message>
        <source>label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <source>text</source>
        <translation>متن</translation>
    </message>
    <message>
        <source>source</source>
        <translation>منبع</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>اطمینان</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>پیشنهادی</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>پذیرفته</translation>
    </message>
</context>
<context>
    <name>TeamView</name>
    <message>
        <source>Team progress</source>
        <translation>پیشرفت گروه</translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>برچسب‌زن</translation>
    </message>
    <message>
        <source>document</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>status</source>
        <translation>وضعیت</translation>
    </message>
    <message numerus="yes">
        <source>%Ln documents, {reviewed} reviewed</source>
        <translation>
            <numerusform>%Ln سند، {reviewed} بازبینی‌شده</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>gold</source>
        <translation>طلایی</translation>
    </message>
    <message>
        <source>new</source>
        <translation>تازه</translation>
    </message>
    <message>
        <source>pretagged</source>
        <translation>پیش‌برچسب</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>در جریان</translation>
    </message>
    <message>
        <source>done</source>
        <translation>تمام‌شده</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>بازبینی‌شده</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>سپرده‌شده</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>شروع‌نشده</translation>
    </message>
    <message>
        <source>spans</source>
        <translation>بازه‌ها</translation>
    </message>
    <message>
        <source>none</source>
        <translation>هیچ</translation>
    </message>
    <message>
        <source>letters</source>
        <translation>حروف</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>استاندارد</translation>
    </message>
    <message>
        <source>combined</source>
        <translation>ترکیبی</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>خودکار</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>متن ساده</translation>
    </message>
    <message>
        <source>type</source>
        <translation>گونه</translation>
    </message>
    <message>
        <source>boundary</source>
        <translation>مرز</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>جاافتاده</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>مورد توافق</translation>
    </message>
    <message>
        <source>added</source>
        <translation>افزوده</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>جایگزین‌شده</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>نگه‌داشته</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>بی‌تغییر</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>تب</translation>
    </message>
    <message>
        <source>space</source>
        <translation>فاصله</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>جمله</translation>
    </message>
    <message>
        <source>document</source>
        <translation>سند</translation>
    </message>
</context>
</TS>
