<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgreementView</name>
    <message numerus="yes">
        <source>%Ln documents</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln documents in common</source>
        <translation>
            <numerusform>%Ln document in common</numerusform>
            <numerusform>%Ln documents in common</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message numerus="yes">
        <source>Accept %Ln agreed regions</source>
        <translation>
            <numerusform>Accept %Ln agreed region</numerusform>
            <numerusform>Accept %Ln agreed regions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationPanel</name>
    <message numerus="yes">
        <source>{settled} of %Ln regions settled</source>
        <translation>
            <numerusform>{settled} of %Ln region settled</numerusform>
            <numerusform>{settled} of %Ln regions settled</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message numerus="yes">
        <source>%Ln tokens</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentModel</name>
    <message numerus="yes">
        <source>%Ln tokens</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln suggestions</source>
        <translation>
            <numerusform>%Ln suggestion</numerusform>
            <numerusform>%Ln suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln documents</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entities</source>
        <translation>
            <numerusform>%Ln entity</numerusform>
            <numerusform>%Ln entities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, and %Ln layers to documents already there</source>
        <translation>
            <numerusform>, and %Ln layer to documents already there</numerusform>
            <numerusform>, and %Ln layers to documents already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>merged %Ln packages: {outcomes}</source>
        <translation>
            <numerusform>merged %Ln package: {outcomes}</numerusform>
            <numerusform>merged %Ln packages: {outcomes}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sentences</source>
        <translation>
            <numerusform>%Ln sentence</numerusform>
            <numerusform>%Ln sentences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenSuggestions</name>
    <message numerus="yes">
        <source>%n suggestions are still open in this document. Open suggestions stay out of exports and training.</source>
        <translation>
            <numerusform>%n suggestion is still open in this document. Open suggestions stay out of exports and training.</numerusform>
            <numerusform>%n suggestions are still open in this document. Open suggestions stay out of exports and training.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them are at or above {percent}.</source>
        <translation>
            <numerusform>%n of them is at or above {percent}.</numerusform>
            <numerusform>%n of them are at or above {percent}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message numerus="yes">
        <source>%Ln agreed regions pre-accepted into gold</source>
        <translation>
            <numerusform>%Ln agreed region pre-accepted into gold</numerusform>
            <numerusform>%Ln agreed regions pre-accepted into gold</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln agreed regions accepted</source>
        <translation>
            <numerusform>%Ln agreed region accepted</numerusform>
            <numerusform>%Ln agreed regions accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln regions still to settle (Alt+Down goes to the next)</source>
        <translation>
            <numerusform>%Ln region still to settle (Alt+Down goes to the next)</numerusform>
            <numerusform>%Ln regions still to settle (Alt+Down goes to the next)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamView</name>
    <message numerus="yes">
        <source>%Ln documents, {reviewed} reviewed</source>
        <translation>
            <numerusform>%Ln document, {reviewed} reviewed</numerusform>
            <numerusform>%Ln documents, {reviewed} reviewed</numerusform>
        </translation>
    </message>
</context>
</TS>
